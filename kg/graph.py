"""Turn a report's checked facts into its named graph, and load the vocabulary (ontology, code lists, labels).

One function per section of facts.yaml. Standard vocabularies carry the facts (W3C ORG, CPOV,
schema.org, PROV-O, Web Annotation, RDF Data Cube, DQV, SKOS); kg: terms only where none fits.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import NamespaceManager, DCTERMS, FOAF, ORG, PROV, QB, RDF, RDFS, SKOS, XSD

from kg.facts import Report, evidence_of
from kg.iris import Minter
from kg.namespaces import (
    CV,
    GEONAMES,
    SCHEMA,
    SDMX_ATTRIBUTE,
    SDMX_DIMENSION,
    SDMX_MEASURE,
    WIKIDATA,
    bind_all,
    ontology_namespace,
)
from kg.provenance import add_evidence
from kg.quality import DIMENSIONS, add_measurement, add_quality_annotation, decimal_literal, format_number, run_check

VOCABULARY_FILES = ("kg.ttl", "codelists.ttl", "labels.ttl")
VOCABULARY_GRAPH = "vocabulary"

PUBLIC_BODY = (ORG.FormalOrganization, CV.PublicOrganisation, SCHEMA.GovernmentOrganization)
ORGANISATION_CLASSES = {
    "ministry": PUBLIC_BODY,
    "government": PUBLIC_BODY,
    "central-authorities": PUBLIC_BODY,
    "department": PUBLIC_BODY,
    "board": PUBLIC_BODY,
    "peoples-committee": PUBLIC_BODY,
    "delegation": (ORG.OrganizationalUnit, SCHEMA.Organization),
    "association": (ORG.FormalOrganization, SCHEMA.NGO),
    "agency-group": (FOAF.Group,),
    "universities": (FOAF.Group,),
}
PLACE_CLASSES = {"country": SCHEMA.Country}
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
    "quality_notes": "quality-annotation",
}
SHARED_KIND = {"places": "place", "organisations": "organisation", "people": "person", "posts": "post"}


class BuildError(ValueError):
    """The facts are well-formed but cannot be turned into the graph (e.g. an unknown code)."""


def load_vocabulary(ontology_dir: Path, base: str) -> Graph:
    """The ontology, code lists and term labels, their relative IRIs resolved against `base`."""
    graph = Graph(bind_namespaces="none")
    for name in VOCABULARY_FILES:
        graph.parse(Path(ontology_dir) / name, format="turtle", publicID=base)
    bind_all(graph, base)
    return graph


class ReportGraph:
    """Builds the named graph of one report."""

    def __init__(self, report: Report, minter: Minter, vocabulary: Graph):
        self.report = report
        self.minter = minter
        self.vocabulary = vocabulary
        self.kg = ontology_namespace(minter.base)
        self.graph = Graph(identifier=self.graph_iri, bind_namespaces="none")
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
        section, _ = self._by_id[ident]
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

    def common(self, subject: URIRef, entry: dict, section: str) -> None:
        """Labels, notes and evidence, which every entry has."""
        label = self.label_of(entry)
        self.bilingual(subject, RDFS.label, label)
        self.bilingual(subject, SKOS.altLabel, entry.get("alt_label"))
        self.bilingual(subject, SKOS.note, entry.get("note"))
        for n, evidence in enumerate(evidence_of(entry), start=1):
            annotation = self.minter.scoped("annotation", self.report.id, f"{entry['id']}-{n}")
            add_evidence(self.graph, subject, annotation, self.document, self.report.text, evidence, label)

    # -- the report -------------------------------------------------------------------------
    def build(self) -> Graph:
        """The whole named graph of the report."""
        self.add_document()
        for section, entry in self.report.entries():
            subject = self.iri(entry["id"])
            where = f"{section} `{entry['id']}`"
            getattr(self, f"add_{section}")(subject, entry, where)
            if section not in ("checks",):
                self.common(subject, entry, section)
        return self.graph

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
        self.add(graph, RDFS.comment, Literal(
            "Các khẳng định của báo cáo, được biên tập có trích dẫn; đó là lời của cơ quan báo cáo, chưa được kiểm chứng.", lang="vi"))
        self.add(graph, RDFS.comment, Literal(
            "The report's statements, curated with quotes: claims of the reporting body, not verified facts.", lang="en"))
        dataset = self.figures_dataset
        self.add(dataset, RDF.type, QB.DataSet)
        self.add(dataset, QB.structure, self.kg.indicatorStructure)
        self.add(dataset, DCTERMS.source, doc)
        self.add(dataset, PROV.wasDerivedFrom, doc)
        self.add(dataset, RDFS.label, Literal(f"Số liệu: {meta['title']['vi']}", lang="vi"))
        self.add(dataset, RDFS.label, Literal(f"Figures: {meta['title']['en']}", lang="en"))

    def add_places(self, s: URIRef, e: dict, where: str) -> None:
        self.add(s, RDF.type, PLACE_CLASSES.get(e["kind"], SCHEMA.AdministrativeArea))
        self.add(s, RDF.type, DCTERMS.Location)
        self.add(s, self.kg.adminLevel, self.code("admin-level", e["kind"], where))
        if e.get("part_of"):
            self.add(s, SCHEMA.containedInPlace, self.iri(e["part_of"]))
        ids = e.get("identifiers") or {}
        if ids.get("wikidata"):
            self.add(s, SKOS.closeMatch, WIKIDATA[str(ids["wikidata"])])
        if ids.get("geonames"):
            self.add(s, SKOS.closeMatch, GEONAMES[f"{ids['geonames']}/"])
        if ids.get("iso3166-2"):
            self.add(s, DCTERMS.identifier, Literal(str(ids["iso3166-2"])))

    def add_organisations(self, s: URIRef, e: dict, where: str) -> None:
        if e["kind"] not in ORGANISATION_CLASSES:
            raise BuildError(f"{where}: unknown organisation kind {e['kind']!r}")
        for cls in ORGANISATION_CLASSES[e["kind"]]:
            self.add(s, RDF.type, cls)
        self.add(s, ORG.classification, self.code("organisation-kind", e["kind"], where))
        if e.get("part_of"):
            parent = self.iri(e["part_of"])
            if e["kind"] == "delegation":
                self.add(s, ORG.unitOf, parent)
                self.add(parent, ORG.hasUnit, s)
            else:
                self.add(s, ORG.subOrganizationOf, parent)
        for other in e.get("linked_to") or []:
            self.add(s, ORG.linkedTo, self.iri(other))
        if e.get("jurisdiction"):
            self.add(s, CV.spatial, self.iri(e["jurisdiction"]))
        if e.get("located_in"):
            self.add(s, SCHEMA.location, self.iri(e["located_in"]))
        contact = e.get("contact") or {}
        for key, prop in (("address", SCHEMA.address), ("telephone", SCHEMA.telephone), ("email", SCHEMA.email)):
            if contact.get(key):
                self.add(s, prop, Literal(str(contact[key])))
        if contact.get("url"):
            self.add(s, SCHEMA.url, URIRef(contact["url"]))

    def add_people(self, s: URIRef, e: dict, where: str) -> None:
        for cls in (FOAF.Person, SCHEMA.Person, PROV.Agent):
            self.add(s, RDF.type, cls)
        self.add(s, FOAF.name, Literal(e["name"]))
        self.add(s, SCHEMA.name, Literal(e["name"]))
        self.bilingual(s, SCHEMA.honorificPrefix, e.get("honorific"))

    def add_posts(self, s: URIRef, e: dict, where: str) -> None:
        self.add(s, RDF.type, ORG.Post)
        self.add(s, ORG.role, self.code("role", e["role"], where))
        self.add(s, ORG.postIn, self.iri(e["in"]))
        if e.get("held_by"):
            person = self.iri(e["held_by"])
            self.add(s, ORG.heldBy, person)
            self.add(person, ORG.holds, s)

    def add_groups(self, s: URIRef, e: dict, where: str) -> None:
        self.add(s, RDF.type, FOAF.Group)
        for credential in e.get("credentials") or []:
            self.add(s, SCHEMA.hasCredential, self.code("credential", credential, where))
        if e.get("affiliation"):
            self.add(s, SCHEMA.affiliation, self.iri(e["affiliation"]))

    def add_events(self, s: URIRef, e: dict, where: str) -> None:
        for cls in (SCHEMA.Event, PROV.Activity):
            self.add(s, RDF.type, cls)
        date = str(e["date"])
        self.add(s, DCTERMS.date, Literal(date, datatype=XSD.date if len(date) == 10 else XSD.gYearMonth))
        for participant in e["participants"]:
            self.add(s, PROV.wasAssociatedWith, self.iri(participant))
        if e.get("place"):
            self.add(s, SCHEMA.location, self.iri(e["place"]))

    def add_documents(self, s: URIRef, e: dict, where: str) -> None:
        for cls in (SCHEMA.Report, PROV.Entity):
            self.add(s, RDF.type, cls)
        self.add(s, DCTERMS.type, self.code("document-kind", e["kind"], where))
        if e.get("presented_by"):
            self.add(s, self.kg.presentedBy, self.iri(e["presented_by"]))
        if e.get("presented_at"):
            event = self.iri(e["presented_at"])
            self.add(s, self.kg.presentedAt, event)
            self.add(event, PROV.used, s)
        if e.get("about"):
            self.add(s, SCHEMA.about, self.iri(e["about"]))

    def add_systems(self, s: URIRef, e: dict, where: str) -> None:
        self.add(s, RDF.type, self.kg.InformationSystem)
        self.add(s, DCTERMS.type, self.code("system-kind", e["kind"], where))
        if e.get("operator"):
            self.add(s, SCHEMA.provider, self.iri(e["operator"]))
        for site in e.get("sites") or []:
            self.add(s, self.kg.deployedAt, self.iri(site))
        if e.get("phase") is not None:
            self.add(s, self.kg.deploymentPhase, Literal(int(e["phase"])))
        if e.get("sites_incomplete"):
            note = self.minter.scoped("quality-annotation", self.report.id, f"{e['id']}-sites")
            label = self.label_of(e)
            add_quality_annotation(
                self.graph, note, DIMENSIONS["completeness"], [s],
                {"vi": f"Danh sách nơi triển khai {label['vi']} trong bài kết thúc bằng “…”: bài không liệt kê hết.",
                 "en": f"The article's list of sites of the {label['en']} ends with “…”: it does not name them all."},
                {"vi": f"Danh sách chưa đầy đủ: {label['vi']}", "en": f"Incomplete list: {label['en']}"},
            )

    def add_initiatives(self, s: URIRef, e: dict, where: str) -> None:
        for cls in (self.kg.Initiative, PROV.Activity):
            self.add(s, RDF.type, cls)
        self.add(s, DCTERMS.type, self.code("initiative-kind", e["kind"], where))
        self.bilingual(s, SCHEMA.description, e.get("text"))
        if e.get("by"):
            self.add(s, PROV.wasAssociatedWith, self.iri(e["by"]))
        if e.get("instructors"):
            self.add(s, SCHEMA.instructor, self.iri(e["instructors"]))

    def add_figures(self, s: URIRef, e: dict, where: str) -> None:
        value = e["value"]
        self.add(s, RDF.type, QB.Observation)
        self.add(s, QB.dataSet, self.figures_dataset)
        indicator = self.code("indicator", e["indicator"], where)
        level = self.code("admin-level", e["level"], where)
        unit = self.code("unit", e["unit"], where)
        self.add(s, self.kg.indicator, indicator)
        self.add(s, SDMX_DIMENSION.refArea, self.iri(e["area"]))
        self.add(s, SDMX_DIMENSION.refPeriod, Literal(str(e["period"]), datatype=XSD.gYearMonth))
        self.add(s, self.kg.adminLevel, level)
        number = Literal(value, datatype=XSD.integer) if isinstance(value, int) else decimal_literal(Decimal(str(value)))
        self.add(s, SDMX_MEASURE.obsValue, number)
        self.add(s, SDMX_ATTRIBUTE.unitMeasure, unit)
        if e.get("population"):
            self.add(s, self.kg.population, self.iri(e["population"]))
        if e.get("system"):
            self.add(s, self.kg.system, self.iri(e["system"]))
        if "label" not in e:  # a readable sentence-like label, made from the codes
            e["label"] = self.figure_label(e, indicator, level, unit)

    def figure_label(self, e: dict, indicator: URIRef, level: URIRef, unit: URIRef) -> dict[str, str]:
        area = self.label_of(self._by_id[e["area"]][1])
        out = {}
        for lang in ("vi", "en"):
            name = self.concept_label(indicator, lang)
            lvl = "" if e["level"] == "all" else f" ({self.concept_label(level, lang)})"
            value = format_number(Decimal(str(e["value"])), lang)
            out[lang] = f"{name}{lvl}, {area[lang]}, {e['period']}: {value} {self.concept_label(unit, lang)}"
        return out

    def concept_label(self, concept: URIRef, lang: str) -> str:
        for label in self.vocabulary.objects(concept, SKOS.prefLabel):
            if getattr(label, "language", None) == lang:
                return str(label)
        return str(concept).rsplit("/", 1)[-1]

    def add_checks(self, s: URIRef, e: dict, where: str) -> None:
        figures = {f["id"]: f for f in self.report.sections.get("figures", [])}
        for ref in [e.get("total"), e.get("whole"), e.get("part"), *(e.get("parts") or [])]:
            if ref is not None and ref not in figures:
                raise BuildError(f"{where}: {ref!r} is not a figure")
        result = run_check(e, figures)
        labels = {fid: self.label_of(f) for fid, f in figures.items()}
        message = result.message(labels)
        observations = {fid: self.iri(fid) for fid in figures}
        metric = self.kg.sumOfPartsMatchesTotal if result.kind == "sum" else self.kg.partNotAboveWhole
        add_measurement(self.graph, s, metric, result, observations, message, self.kg)
        if not result.holds:
            note = self.minter.scoped("quality-annotation", self.report.id, e["id"])
            targets = [observations[result.target], *(observations[p] for p in result.parts)]
            add_quality_annotation(
                self.graph, note, DIMENSIONS["consistency"], targets, message,
                {"vi": "Số liệu không khớp", "en": "Figures do not add up"},
            )
            self.add(note, PROV.wasGeneratedBy, s)

    def add_difficulties(self, s: URIRef, e: dict, where: str) -> None:
        self.add(s, RDF.type, self.kg.Difficulty)
        self.add(s, DCTERMS.type, self.code("difficulty-kind", e["kind"], where))
        self.bilingual(s, SCHEMA.text, e["text"])
        self.add(s, DCTERMS.spatial, self.iri(self.report.meta["area"]))

    def add_recommendations(self, s: URIRef, e: dict, where: str) -> None:
        self.add(s, RDF.type, self.kg.Recommendation)
        self.bilingual(s, SCHEMA.text, e["text"])
        self.add(s, self.kg.proposedBy, self.iri(e["made_by"]))
        self.add(s, self.kg.addressedTo, self.iri(e["addressed_to"]))
        for difficulty in e.get("responds_to") or []:
            self.add(s, self.kg.respondsTo, self.iri(difficulty))

    def add_quality_notes(self, s: URIRef, e: dict, where: str) -> None:
        if e["dimension"] not in DIMENSIONS:
            raise BuildError(f"{where}: dimension must be one of {', '.join(DIMENSIONS)}")
        targets = [self.iri(ref) for ref in e["about"]]
        add_quality_annotation(self.graph, s, DIMENSIONS[e["dimension"]], targets, e["text"], self.label_of(e))


def build_dataset(reports: list[Report], vocabulary: Graph, minter: Minter) -> Dataset:
    """The dataset: the vocabulary graph and one named graph per report."""
    dataset = Dataset()
    dataset.namespace_manager = NamespaceManager(dataset, bind_namespaces="none")
    bind_all(dataset, minter.base)
    vocab_graph = dataset.graph(minter.graph(VOCABULARY_GRAPH))
    for triple in vocabulary:
        vocab_graph.add(triple)
    for report in reports:
        built = ReportGraph(report, minter, vocabulary).build()
        target = dataset.graph(built.identifier)
        for triple in built:
            target.add(triple)
    return dataset

