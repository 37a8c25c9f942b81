// The entry point esbuild bundles into codemirror.min.js (see README.md here): the parts of
// CodeMirror 6 the query page uses, as one global, window.KgCodeMirror.
import { EditorView, keymap, lineNumbers, drawSelection, highlightActiveLine, placeholder } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { StreamLanguage, syntaxHighlighting, defaultHighlightStyle, bracketMatching, indentOnInput } from "@codemirror/language";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap, startCompletion } from "@codemirror/autocomplete";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";

window.KgCodeMirror = {
  EditorView, EditorState, keymap, lineNumbers, drawSelection, highlightActiveLine, placeholder,
  syntaxHighlighting, defaultHighlightStyle, bracketMatching, indentOnInput,
  defaultKeymap, history, historyKeymap, indentWithTab,
  autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap, startCompletion,
  sparqlLanguage: StreamLanguage.define(sparql),
};
