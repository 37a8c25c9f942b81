"""The curator's readings of a report: its graph ``graph/{report}/curation``, kept apart from the report's claims.

A claim is what the article states; a reading is what the curator infers from it (which difficulty
a recommendation answers, a link the article implies, a name taken from elsewhere: MODELLING.md,
"Claims and readings"). facts.yaml marks readings field by field (`readings: {field: {reason,
evidence}}`); every triple such a field makes goes here, never into the report's graph. Each is
asserted (so a query over the union still finds it) and described as an `rdf:Statement`: who read
it (`prov:wasAttributedTo` the publisher), why (`rdfs:comment`, vi and en) and the words it reads
(one Web Annotation per quote). Those annotations are motivated by `oa:commenting`, the curator's
remark on a passage: `oa:describing` is kept for a claim's evidence (the words say it) and
`oa:assessing` (as `dqv:qualityAssessment`) for the quality notes, so no reading can pass for either.
The graph states its own provenance: attributed to the publisher, derived from the source document,
and labelled as interpretations, not the reporting body's claims.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS

from kg.build.facts import evidence_of
from kg.build.provenance import add_evidence
from kg.iris import Minter
from kg.namespaces import OA
from kg.publication.dataset import Publisher

MARK = {"vi": "Cách hiểu của người biên tập", "en": "Curator's reading"}


def _n3(triple) -> tuple[str, ...]:
    return tuple(term.n3() for term in triple)


class Curation:
    """Builds the curation graph of one report, reading by reading."""

    def __init__(self, minter: Minter, report_id: str, document: URIRef, text: str, curator: Publisher):
        self.minter = minter
        self.report_id = report_id
        self.document = document
        self.text = text
        self.graph = Graph(identifier=minter.curation_graph(report_id), bind_namespaces="none")
        self.curator = curator  # the dataset's publisher curates (dataset.yaml)
        self.agent = minter.thing("agent", curator.id)
        self.readings = 0

    def add_reading(self, entry_id: str, field: str, reading: dict, triples: set, entry_label: dict[str, str]) -> None:
        """State `triples` (what `field` of the entry makes) here, each as the curator's reading with reason and evidence."""
        name = field.replace("_", "-")
        for n, triple in enumerate(sorted(triples, key=_n3), start=1):
            statement = self.minter.scoped("reading", self.report_id, f"{entry_id}-{name}-{n}")
            label = {lang: f"{MARK[lang]}: {entry_label[lang]} ({field})" for lang in ("vi", "en")}
            g = self.graph
            g.add(triple)
            for cls in (RDF.Statement, PROV.Entity):
                g.add((statement, RDF.type, cls))
            g.add((statement, RDF.subject, triple[0]))
            g.add((statement, RDF.predicate, triple[1]))
            g.add((statement, RDF.object, triple[2]))
            for lang in ("vi", "en"):
                g.add((statement, RDFS.label, Literal(label[lang], lang=lang)))
                g.add((statement, RDFS.comment, Literal(str(reading["reason"][lang]).strip(), lang=lang)))
            g.add((statement, PROV.wasAttributedTo, self.agent))
            for q, evidence in enumerate(evidence_of(reading), start=1):
                annotation = self.minter.scoped("annotation", self.report_id, f"reading-{entry_id}-{name}-{n}-{q}")
                add_evidence(g, statement, annotation, self.document, self.text, evidence, label, motivation=OA.commenting)
            self.readings += 1

    def finish(self, title: dict[str, str]) -> Graph:
        """The graph with its own provenance, or an empty graph when the report has no reading."""
        if not self.readings:
            return self.graph
        g, name, agent = self.graph, self.graph.identifier, self.agent
        g.add((name, RDF.type, PROV.Entity))
        g.add((name, PROV.wasDerivedFrom, self.document))
        g.add((name, DCTERMS.source, self.document))
        g.add((name, PROV.wasAttributedTo, agent))
        g.add((name, RDFS.label, Literal(f"Cách hiểu của người biên tập: {title['vi']}", lang="vi")))
        g.add((name, RDFS.label, Literal(f"Curator's readings of: {title['en']}", lang="en")))
        g.add(
            (
                name,
                RDFS.comment,
                Literal(
                    "Những điều người biên tập suy ra từ bài viết mà bài không nói thẳng: là cách hiểu, không phải khẳng định của "
                    "cơ quan báo cáo. Mỗi cách hiểu có lý do và các đoạn trích mà nó dựa vào.",
                    lang="vi",
                ),
            )
        )
        g.add(
            (
                name,
                RDFS.comment,
                Literal(
                    "What the curator infers from the article where the article does not say it: interpretations, not claims of "
                    "the reporting body. Each reading gives its reason and the quotes it reads from.",
                    lang="en",
                ),
            )
        )
        for cls in (PROV.Agent, FOAF.Agent):
            g.add((agent, RDF.type, cls))
        for lang in ("vi", "en"):
            g.add((agent, RDFS.label, Literal(self.curator.name[lang], lang=lang)))
        return g
