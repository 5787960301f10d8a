// Entry point for src/mockloop/web/static/vendor/codemirror.js.
// Built by scripts/build-vendor.sh with esbuild (--format=iife --global-name=CM),
// so every export below becomes a property of window.CM.
import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { EditorState, Compartment } from "@codemirror/state";
import { indentWithTab } from "@codemirror/commands";
import { indentUnit } from "@codemirror/language";
import { python } from "@codemirror/lang-python";
import { oneDark } from "@codemirror/theme-one-dark";

// One compartment can be shared by every editor: each state keeps its own content.
const themeCompartment = new Compartment();

function themeFor(dark) {
  return dark ? oneDark : [];
}

// Create a Python editor inside `parent` (a DOM element).
// options.doc      initial text (default "")
// options.dark     true for the One Dark theme (default false)
// options.indent   indentation unit, e.g. "    " (default: four spaces, as PEP 8 wants)
// options.onChange called as onChange(text, update) after every change to the text
// options.extensions  extra CodeMirror extensions (optional)
// Returns the EditorView.
function createEditor(parent, options = {}) {
  const { doc = "", dark = false, onChange = null, indent = "    ", extensions = [] } = options;
  const exts = [
    basicSetup,
    keymap.of([indentWithTab]),
    python(),
    indentUnit.of(indent),
    themeCompartment.of(themeFor(dark)),
  ];
  if (typeof onChange === "function") {
    exts.push(
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange(update.state.doc.toString(), update);
      }),
    );
  }
  exts.push(extensions);
  return new EditorView({
    parent,
    state: EditorState.create({ doc: String(doc), extensions: exts }),
  });
}

// The editor's current text.
function getDoc(view) {
  return view.state.doc.toString();
}

// Switch an editor made by createEditor between the dark and the default theme.
function setDark(view, dark) {
  view.dispatch({ effects: themeCompartment.reconfigure(themeFor(dark)) });
}

export {
  EditorView,
  EditorState,
  Compartment,
  basicSetup,
  keymap,
  indentWithTab,
  indentUnit,
  python,
  oneDark,
  createEditor,
  getDoc,
  setDark,
};
