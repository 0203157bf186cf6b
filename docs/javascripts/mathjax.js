// MathJax 3 set up for pymdownx.arithmatex (generic mode): typeset only the spans and
// blocks that arithmatex marked, \( ... \) inline and \[ ... \] displayed.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex"
  }
};
