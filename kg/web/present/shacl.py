"""The published SHACL files as a person reads them: the shapes (targets, properties, constraints,
messages) and the validation report (conforms or not, and each result). Plain data, no Flask."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.paths import Path as RdfPath

from kg.web.present.viewer import Value, Viewer

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
NAMES = (RDFS.label, SH.name)
NOTES = (RDFS.comment, SH.description)
SKIP = {SH.path, SH.message, SH.severity, SH.property, RDF.type, *NAMES, *NOTES, *TARGETS}


@dataclass
class PropertyView:
    name: str | None
    path: str | Value
    constraints: list[tuple[str, list]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    severity: Value | None = None


@dataclass
class ShapeView:
    name: str
    iri: str | None
    anchor: str
    notes: list[str]
    targets: list[tuple[str, Value]]
    constraints: list[tuple[str, list]]
    messages: list[str]
    properties: list[PropertyView]


def load(version_dir: Path, name: str, base: str) -> Graph:
    graph = Graph()
    path = Path(version_dir) / name
    if path.is_file():
        graph.parse(path, format="turtle", publicID=base)
    return graph


def _term(graph: Graph, term, viewer: Viewer):
    """A Value for an IRI or literal; an RDF list as a list; a blank node as its path text or '[…]'."""
    if isinstance(term, URIRef):
        return viewer.iri(str(term))
    if isinstance(term, Literal):
        return Value(str(term), lang=term.language)
    if isinstance(term, BNode) and (term, RDF.first, None) in graph:
        return [_term(graph, x, viewer) for x in graph.items(term)]
    if isinstance(term, BNode):
        inner = "; ".join(f"{viewer.short(str(p))} {_text(graph, o, viewer)}" for p, o in sorted(graph.predicate_objects(term)))
        return Value(f"[{inner}]")
    return Value(str(term))


def _text(graph: Graph, term, viewer: Viewer) -> str:
    value = _term(graph, term, viewer)
    return ", ".join(v.text for v in value) if isinstance(value, list) else value.text


def _path(graph: Graph, node, viewer: Viewer):
    if isinstance(node, URIRef):
        return viewer.iri(str(node))
    if isinstance(node, BNode):
        inverse = graph.value(node, SH.inversePath)
        if inverse is not None:
            return Value("^" + viewer.short(str(inverse)))
        if (node, RDF.first, None) in graph:
            return Value(" / ".join(viewer.short(str(x)) for x in graph.items(node)))
    return Value(node.n3() if isinstance(node, RdfPath) else str(node))


def _messages(graph: Graph, node, lang: str, *predicates) -> list[str]:
    """The texts (sh:message unless other predicates are given) in `lang`, else those without a language, else all."""
    found = [o for p in (predicates or (SH.message,)) for o in graph.objects(node, p)]
    chosen = [m for m in found if getattr(m, "language", None) == lang] or [m for m in found if not getattr(m, "language", None)]
    return [str(m) for m in (chosen or found)]


def _constraints(graph: Graph, node, viewer: Viewer) -> list[tuple[str, list]]:
    out: dict[str, list] = {}
    for p, o in sorted(graph.predicate_objects(node)):
        if p not in SKIP:
            name = viewer.short(str(p))
            value = _term(graph, o, viewer)
            out.setdefault(name, []).extend(value if isinstance(value, list) else [value])
    return sorted(out.items())


def shapes(graph: Graph, viewer: Viewer) -> list[ShapeView]:
    """Every named node shape, with its targets, own constraints and property shapes."""
    nodes = set(graph.subjects(RDF.type, SH.NodeShape)) | {s for t in TARGETS for s in graph.subjects(t, None)}
    out = []
    for node in sorted(nodes, key=str):
        targets = [(viewer.short(str(t)), _term(graph, o, viewer)) for t in TARGETS for o in graph.objects(node, t)]
        properties = []
        for prop in graph.objects(node, SH.property):
            path = graph.value(prop, SH.path)
            severity = graph.value(prop, SH.severity)
            names = _messages(graph, prop, viewer.lang, *NAMES)
            properties.append(
                PropertyView(
                    names[0] if names else None,
                    _path(graph, path, viewer) if path is not None else Value("?"),
                    _constraints(graph, prop, viewer),
                    _messages(graph, prop, viewer.lang),
                    viewer.iri(str(severity)) if isinstance(severity, URIRef) else None,
                )
            )
        properties.sort(key=lambda p: p.path.text if isinstance(p.path, Value) else str(p.path))
        iri = str(node) if isinstance(node, URIRef) else None
        names = _messages(graph, node, viewer.lang, *NAMES)
        name = names[0] if names else viewer.short(iri or "[…]")
        anchor = (iri or str(node)).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        out.append(
            ShapeView(
                name,
                iri,
                anchor,
                _messages(graph, node, viewer.lang, *NOTES),
                targets,
                _constraints(graph, node, viewer),
                _messages(graph, node, viewer.lang),
                properties,
            )
        )
    return sorted(out, key=lambda shape: shape.name.casefold())


@dataclass
class ResultView:
    focus: Value
    path: Value | None
    value: Value | None
    message: list[str]
    severity: Value | None
    shape: Value | None


def report(graph: Graph, viewer: Viewer) -> tuple[bool | None, list[ResultView]]:
    """(conforms, results) of a SHACL validation report; conforms is None if the file has no report."""
    node = next(iter(graph.subjects(RDF.type, SH.ValidationReport)), None)
    if node is None:
        return None, []
    conforms = graph.value(node, SH.conforms)
    results = []
    for r in graph.objects(node, SH.result):

        def one(p, r=r):
            o = graph.value(r, p)
            return None if o is None else _term(graph, o, viewer)

        path = graph.value(r, SH.resultPath)
        results.append(
            ResultView(
                one(SH.focusNode),
                _path(graph, path, viewer) if path is not None else None,
                one(SH.value),
                _messages(graph, r, viewer.lang, SH.resultMessage),
                one(SH.resultSeverity),
                one(SH.sourceShape),
            )
        )
    return bool(conforms.toPython()) if conforms is not None else None, results
