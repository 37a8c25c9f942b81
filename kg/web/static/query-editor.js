// The SPARQL editor of the query page (/sparql): progressive enhancement of its plain form.
//
// Without script the page is a textarea and a button, and that keeps working. With script this
// replaces the textarea (kept, hidden, in the form: it is what the form sends) by a CodeMirror 6
// editor (vendored: vendor/codemirror-6.44.2/, window.KgCodeMirror) with SPARQL highlighting and
// completion of the prefixes the service declares and of our ontology's classes and properties,
// both read from the page's inline JSON (#kg-editor-data, made on the server from the vocabulary);
// an example query's link puts the query in the editor instead of leaving the page. The editor's
// own <style> carries the response's nonce (data.styleNonce), as the page's policy asks.
(function () {
  "use strict";
  var CM = window.KgCodeMirror;
  var textarea = document.getElementById("query");
  var dataNode = document.getElementById("kg-editor-data");
  if (!CM || !textarea || !dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  var words = data.ui || {};
  var prefixes = data.prefixes || {};
  var form = textarea.form;
  var status = form.querySelector(".editor-status");

  var PREFIX_LINE = /^\s*PREFIX\s+([A-Za-z][\w.-]*)?:\s*<[^>]*>\s*$/i;

  // The prefixes the query declares already.
  function declared(doc) {
    var found = {};
    var re = /PREFIX\s+([A-Za-z][\w.-]*)?:/gi;
    var m;
    while ((m = re.exec(doc)) !== null) found[m[1] || ""] = true;
    return found;
  }

  // Where a new PREFIX line goes: after the last one at the top of the query, else at its start.
  function prefixInsertPos(doc) {
    var pos = 0;
    for (var i = 1; i <= doc.lines; i++) {
      var line = doc.line(i);
      if (PREFIX_LINE.test(line.text)) pos = line.to + 1;
      else if (line.text.trim() !== "" && !/^\s*(#|BASE\b)/i.test(line.text)) break;
    }
    return Math.min(pos, doc.length);
  }

  // Put a prefixed name in the query, adding its PREFIX line when the query lacks it.
  function applyName(name) {
    return function (view, completion, from, to) {
      var prefix = name.slice(0, name.indexOf(":"));
      var changes = [{ from: from, to: to, insert: name }];
      var shift = 0;
      if (prefixes[prefix] && !declared(view.state.doc.toString())[prefix]) {
        var pos = prefixInsertPos(view.state.doc);
        var line = "PREFIX " + prefix + ": <" + prefixes[prefix] + ">\n";
        if (pos <= from) {
          changes.unshift({ from: pos, insert: line });
          shift = line.length;
        }
      }
      view.dispatch({ changes: changes, selection: { anchor: from + shift + name.length } });
    };
  }

  function kindWord(kind) {
    return words["kind_" + kind] || kind;
  }

  var prefixOptions = Object.keys(prefixes).map(function (p) {
    return { label: p + ":", type: "namespace", detail: kindWord("prefix") + " · " + prefixes[p], apply: applyName(p + ":") };
  });
  var declarationOptions = Object.keys(prefixes).map(function (p) {
    return { label: p + ":", type: "namespace", detail: prefixes[p], apply: p + ": <" + prefixes[p] + ">" };
  });
  var termOptions = (data.terms || []).map(function (t) {
    return {
      label: t.name,
      type: t.kind === "class" ? "class" : "property",
      detail: kindWord(t.kind) + (t.label ? " · " + t.label : ""),
      info: t.comment || t.iri,
      apply: applyName(t.name),
      boost: t.kind === "class" ? 1 : 0,
    };
  });

  function complete(context) {
    var word = context.matchBefore(/[A-Za-z][\w.-]*:?[\w.-]*/);
    if (!word && !context.explicit) return null;
    var from = word ? word.from : context.pos;
    var before = context.state.doc.lineAt(from);
    var lineStart = context.state.sliceDoc(before.from, from);
    if (/^\s*PREFIX\s+$/i.test(lineStart)) {
      return { from: from, options: declarationOptions, validFor: /^[\w.-]*:?$/ };
    }
    return { from: from, options: prefixOptions.concat(termOptions), validFor: /^[A-Za-z][\w.-]*:?[\w.-]*$/ };
  }

  function sync(view) {
    textarea.value = view.state.doc.toString();
  }

  var holder = document.createElement("div");
  holder.className = "query-editor";
  textarea.parentNode.insertBefore(holder, textarea);
  var label = form.querySelector("label[for=query]");
  var view = new CM.EditorView({
    parent: holder,
    state: CM.EditorState.create({
      doc: textarea.value,
      extensions: [
        CM.lineNumbers(),
        CM.history(),
        CM.drawSelection(),
        CM.highlightActiveLine(),
        CM.indentOnInput(),
        CM.bracketMatching(),
        CM.closeBrackets(),
        CM.sparqlLanguage,
        CM.syntaxHighlighting(CM.defaultHighlightStyle, { fallback: true }),
        CM.autocompletion({ override: [complete], icons: false }),
        CM.keymap.of(
          [
            {
              key: "Mod-Enter",
              run: function (v) {
                sync(v);
                form.requestSubmit();
                return true;
              },
            },
          ].concat(CM.closeBracketsKeymap, CM.completionKeymap, CM.historyKeymap, CM.defaultKeymap, [CM.indentWithTab])
        ),
        CM.EditorView.cspNonce.of(data.styleNonce || ""),
        CM.EditorView.contentAttributes.of({ "aria-label": label ? label.textContent : "SPARQL" }),
        CM.EditorView.updateListener.of(function (update) {
          if (update.docChanged) sync(update.view);
        }),
      ],
    }),
  });
  if (label) {
    label.addEventListener("click", function () {
      view.focus();
    });
  }
  textarea.hidden = true;
  form.addEventListener("submit", function () {
    sync(view);
  });
  var help = form.querySelector(".editor-help");
  if (help) help.hidden = false;

  // An example's link fills the editor (a modified click still opens it, as any link).
  Array.prototype.forEach.call(document.querySelectorAll("a.example"), function (link) {
    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      var query = new URL(link.href).searchParams.get("query");
      if (query === null) return;
      event.preventDefault();
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: query }, selection: { anchor: 0 } });
      if (status) status.textContent = (words.example_loaded || "") + " — " + link.textContent.trim();
      holder.scrollIntoView({ block: "start" });
      view.focus();
    });
  });
})();
