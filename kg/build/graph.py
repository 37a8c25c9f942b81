"""Turn a report's checked facts into its named graph, and load the vocabulary (ontology, code lists, labels).

`ReportGraph` holds the IRIs, codes and shared helpers and maps the report itself; one method per
section of facts.yaml lives in kg.build.graph_entities and kg.build.graph_findings. Standard vocabularies carry
the facts (W3C ORG, CPOV, schema.org, PROV-O, Web Annotation, RDF Data Cube, DQV, SKOS); kg: terms
only where none fits.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, QB, RDF, RDFS, SKOS, XSD

from kg.build.curation import Curation
from kg.build.facts import FINDINGS, READINGS, Report, evidence_of, readings_of
from kg.build.graph_entities import EntityMapping
from kg.build.graph_findings import FindingMapping
from kg.build.provenance import add_evidence
from kg.build.rights import add_source_rights
from kg.iris import Minter
from kg.namespaces import SCHEMA, bind_all, ontology_namespace
from kg.publication.dataset import Publisher

VOCABULARY_FILES = ("kg.ttl", "codelists.ttl", "labels.ttl")
VOCABULARY_GRAPH = "vocabulary"
SCOPED_KIND = {
    "groups": "group",
    "events": "event",
    "documents": "document",
    "systems": "system",
    "initiatives": "initiative",
    "figures": "observation",
    "checks": "quality-measurement",
    "difficulties": "difficulty",
    "recommendations": "recommendation",
    "assessments": "assessment",
    "posts": "post",  # a post as one report names it: a ministry has several deputy ministers, and holders change
    "quality_notes": "quality-annotation",
}
SHARED_KIND = {"places": "place", "organisations": "organisation", "people": "person"}
#: organisation kinds that exist for one occasion (a delegation is formed for one visit): minted per report.
OCCASIONAL_ORGANISATIONS = {"delegation"}


class BuildError(ValueError):
    """The facts are well-formed but cannot be turned into the graph (e.g. an unknown code)."""


def load_vocabulary(ontology_dir: Path, base: str) -> Graph:
    """The ontology, code lists and term labels, their relative IRIs resolved against `base`."""
    graph = Graph(bind_namespaces="none")
    for name in VOCABULARY_FILES:
        graph.parse(Path(ontology_dir) / name, format="turtle", publicID=base)
    bind_all(graph, base)
    return graph


class ReportGraph(EntityMapping, FindingMapping):
    """Builds the named graph of one report."""

    def __init__(self, report: Report, minter: Minter, vocabulary: Graph, curator: Publisher):
        self.report = report
        self.minter = minter
        self.vocabulary = vocabulary
        self.kg = ontology_namespace(minter.base)
        self.graph = Graph(identifier=self.graph_iri, bind_namespaces="none")
        self.curation = Curation(minter, report.id, self.document, report.text, curator)
        self._by_id = report.by_id()

    # -- IRIs -------------------------------------------------------------------------------
    @property
    def graph_iri(self) -> URIRef:
        return self.minter.graph(self.report.id)

    @property
    def document(self) -> URIRef:
        return self.minter.thing("document", self.report.id)

    @property
    def figures_dataset(self) -> URIRef:
        return self.minter.thing("figures", self.report.id)

    def iri(self, ident: str) -> URIRef:
        """The IRI of an entry of this report, by id."""
        section, entry = self._by_id[ident]
        if section == "organisations" and entry.get("kind") in OCCASIONAL_ORGANISATIONS:
            return self.minter.scoped("organisation", self.report.id, ident)
        if section in SHARED_KIND:
            return self.minter.thing(SHARED_KIND[section], ident)
        return self.minter.scoped(SCOPED_KIND[section], self.report.id, ident)

    def code(self, scheme: str, code: str, where: str) -> URIRef:
        """The concept of a code list; BuildError naming the entry if the code list has no such code."""
        concept = self.minter.concept(scheme, str(code))
        if (concept, RDF.type, SKOS.Concept) not in self.vocabulary:
            raise BuildError(f"{where}: {code!r} is not a code of the {scheme} list (ontology/codelists.ttl)")
        return concept

    # -- helpers ----------------------------------------------------------------------------
    error = BuildError

    def add(self, s, p, o) -> None:
        self.graph.add((s, p, o))

    def bilingual(self, subject: URIRef, predicate: URIRef, text: dict | None) -> None:
        if text:
            for lang in ("vi", "en"):
                self.add(subject, predicate, Literal(str(text[lang]).strip(), lang=lang))

    def label_of(self, entry: dict) -> dict[str, str]:
        if "label" in entry:
            return entry["label"]
        if "name" in entry:
            return {"vi": entry["name"], "en": entry["name"]}
        return entry.get("text") or {"vi": entry["id"], "en": entry["id"]}

    def cite(self, subject: URIRef, entry: dict, label: dict[str, str], name: str) -> None:
        """The evidence of `entry` as annotations of `subject`, named `{name}-1`, `{name}-2`, …"""
        for n, evidence in enumerate(evidence_of(entry), start=1):
            annotation = self.minter.scoped("annotation", self.report.id, f"{name}-{n}")
            add_evidence(self.graph, subject, annotation, self.document, self.report.text, evidence, label)

    def common(self, subject: URIRef, entry: dict, section: str) -> None:
        """Labels, notes and evidence, which every entry has."""
        label = self.label_of(entry)
        self.bilingual(subject, RDFS.label, label)
        self.bilingual(subject, SKOS.altLabel, entry.get("alt_label"))
        self.bilingual(subject, SKOS.note, entry.get("note"))
        self.cite(subject, entry, label, entry["id"])
        source = entry["according_to"] if "according_to" in entry else self.report.meta.get("according_to")
        if section in FINDINGS and source:  # "Theo báo cáo của ...": the document the report's findings are credited to
            self.add(subject, PROV.hadPrimarySource, self.iri(source))

    # -- the report -------------------------------------------------------------------------
    def build(self) -> Graph:
        """The report's named graph: its claims. Its readings go to `self.curation` (see `graphs`)."""
        self.add_document()
        for section, entry in self.report.entries():
            subject = self.iri(entry["id"])
            where = f"{section} `{entry['id']}`"
            made = self.mapped(section, subject, entry, where)
            read = {}
            for field, reading in readings_of(entry).items():
                rest = {k: v for k, v in entry.items() if k not in (field, READINGS)}
                if field == "according_to":  # without it the entry would take the report's: say "no source" instead
                    rest[field] = None
                read[field] = set(made) - set(self.mapped(section, subject, rest, where))
                if not read[field]:
                    raise BuildError(f"{where}: `{READINGS}.{field}` marks a field that states nothing in the graph")
                self.curation.add_reading(entry["id"], field, reading, read[field], self.label_of(entry))
            claimed = set().union(*read.values()) if read else set()
            for triple in made:
                if triple not in claimed:
                    self.graph.add(triple)
        self.curation.finish(self.report.meta["title"])
        return self.graph

    def graphs(self) -> list[Graph]:
        """Every named graph of the report: its claims, then its curator's readings if it has any."""
        claims = self.build()
        return [claims] + ([self.curation.graph] if len(self.curation.graph) else [])

    def mapped(self, section: str, subject: URIRef, entry: dict, where: str) -> Graph:
        """The triples one entry makes (its section's mapping, then labels, notes and evidence), in a graph of their own."""
        claims, self.graph = self.graph, Graph(bind_namespaces="none")
        try:
            getattr(self, f"add_{section}")(subject, entry, where)
            if section not in ("checks",):
                self.common(subject, entry, section)
            return self.graph
        finally:
            self.graph = claims

    def add_document(self) -> None:
        meta, doc = self.report.meta, self.document
        for cls in (SCHEMA.NewsArticle, FOAF.Document, PROV.Entity):
            self.add(doc, RDF.type, cls)
        self.add(doc, DCTERMS.title, Literal(meta["title"]["vi"], lang="vi"))
        self.bilingual(doc, RDFS.label, meta["title"])
        self.add(doc, DCTERMS.issued, Literal(meta["published"].isoformat(), datatype=XSD.date))
        self.add(doc, DCTERMS.language, Literal(meta["language"]))
        self.add(doc, DCTERMS.publisher, self.iri(meta["publisher"]))
        self.add(doc, DCTERMS.spatial, self.iri(meta["area"]))
        self.add(doc, DCTERMS.temporal, Literal(str(meta["period"]), datatype=XSD.gYearMonth))
        self.add(doc, SCHEMA.text, Literal(self.report.text))
        self.add(doc, SCHEMA.contentUrl, self.minter.download(f"sources/{self.report.id}.txt"))
        original = meta.get("original_source")
        publisher = self._by_id[meta["publisher"]][1]
        add_source_rights(self.graph, doc, self.report.id, self.iri(meta["publisher"]), self.label_of(publisher), original)
        if original:
            source = URIRef(original["url"])
            self.add(doc, DCTERMS.source, source)
            self.add(doc, PROV.wasDerivedFrom, source)
            self.add(source, RDFS.label, Literal(original["label"]))
        for n, evidence in enumerate(evidence_of(meta), start=1):
            annotation = self.minter.scoped("annotation", self.report.id, f"document-{n}")
            add_evidence(self.graph, doc, annotation, doc, self.report.text, evidence, meta["title"])
        graph = self.graph_iri
        self.add(graph, RDF.type, PROV.Entity)
        self.add(graph, PROV.wasDerivedFrom, doc)
        self.add(graph, DCTERMS.source, doc)
        self.add(graph, RDFS.label, Literal(f"Dữ kiện trích từ: {meta['title']['vi']}", lang="vi"))
        self.add(graph, RDFS.label, Literal(f"Facts drawn from: {meta['title']['en']}", lang="en"))
        self.add(
            graph,
            RDFS.comment,
            Literal("Các khẳng định của báo cáo, được biên tập có trích dẫn; đó là lời của cơ quan báo cáo, chưa được kiểm chứng.", lang="vi"),
        )
        self.add(
            graph, RDFS.comment, Literal("The report's statements, curated with quotes: claims of the reporting body, not verified facts.", lang="en")
        )
        dataset = self.figures_dataset
        self.add(dataset, RDF.type, QB.DataSet)
        self.add(dataset, QB.structure, self.kg.indicatorStructure)
        self.add(dataset, DCTERMS.source, doc)
        self.add(dataset, PROV.wasDerivedFrom, doc)
        self.add(dataset, RDFS.label, Literal(f"Số liệu: {meta['title']['vi']}", lang="vi"))
        self.add(dataset, RDFS.label, Literal(f"Figures: {meta['title']['en']}", lang="en"))
