"""How a report's findings become RDF: systems, initiatives, figures, checks, difficulties, recommendations, assessments.

RDF Data Cube for figures, DQV for checks and quality notes, schema:Review for
assessments, kg: terms where no standard one fits;
a mixin of `kg.build.graph.ReportGraph`, which supplies the IRIs, codes and helpers.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, QB, RDF, SKOS, XSD

from kg.build.quality import DIMENSIONS, add_measurement, add_quality_annotation, decimal_literal, format_number, run_check
from kg.namespaces import SCHEMA, SDMX_ATTRIBUTE, SDMX_DIMENSION, SDMX_MEASURE


class FindingMapping:
    """add_<section> for the sections that state findings: one method per section of facts.yaml."""

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
                self.graph,
                note,
                DIMENSIONS["completeness"],
                [s],
                {
                    "vi": f"Danh sách nơi triển khai {label['vi']} trong bài kết thúc bằng “…”: bài không liệt kê hết.",
                    "en": f"The article's list of sites of the {label['en']} ends with “…”: it does not name them all.",
                },
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
                raise self.error(f"{where}: {ref!r} is not a figure")
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
                self.graph, note, DIMENSIONS["consistency"], targets, message, {"vi": "Số liệu không khớp", "en": "Figures do not add up"}
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

    def add_assessments(self, s: URIRef, e: dict, where: str) -> None:
        """A judgement the article or its source states ("được đánh giá cao"): a review of what it judges."""
        for cls in (self.kg.Assessment, SCHEMA.Review, PROV.Entity):
            self.add(s, RDF.type, cls)
        self.bilingual(s, SCHEMA.text, e["text"])
        self.bilingual(s, SCHEMA.reviewAspect, e.get("aspect"))
        for ref in e["about"]:
            self.add(s, SCHEMA.itemReviewed, self.iri(ref))

    def add_quality_notes(self, s: URIRef, e: dict, where: str) -> None:
        if e["dimension"] not in DIMENSIONS:
            raise self.error(f"{where}: dimension must be one of {', '.join(DIMENSIONS)}")
        targets = [self.iri(ref) for ref in e["about"]]
        add_quality_annotation(self.graph, s, DIMENSIONS[e["dimension"]], targets, e["text"], self.label_of(e))
