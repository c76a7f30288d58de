# The app uses lxml.etree alone (which has its own hook); the built-in hook for the package would
# bring every submodule (objectify, html, isoschematron: 4 MB).
hiddenimports = []
