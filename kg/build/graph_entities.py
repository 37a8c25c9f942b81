"""How the report's entities become RDF: places, organisations, people, posts, groups, events, documents.

W3C ORG and CPOV for organisations and posts (org:Membership and OWL-Time for when a post was held),
schema.org and FOAF for people and places, PROV-O for events; a mixin of `kg.build.graph.ReportGraph`,
which supplies the IRIs, codes and helpers.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD

from kg.namespaces import CV, GEONAMES, SCHEMA, WIKIDATA

PUBLIC_BODY = (ORG.FormalOrganization, CV.PublicOrganisation, SCHEMA.GovernmentOrganization)
ORGANISATION_CLASSES = {
    "ministry": PUBLIC_BODY,
    "government": PUBLIC_BODY,
    "central-authorities": (FOAF.Group,),  # "Trung ương": a generic reference to the central bodies, not one body
    "department": PUBLIC_BODY,
    "board": PUBLIC_BODY,
    "peoples-committee": PUBLIC_BODY,
    "delegation": (ORG.OrganizationalUnit, SCHEMA.Organization),
    "association": (ORG.FormalOrganization, SCHEMA.NGO),
    "agency-group": (FOAF.Group,),
    "universities": (FOAF.Group,),
}
PLACE_CLASSES = {"country": SCHEMA.Country}


class EntityMapping:
    """add_<section> for the sections that name things: one method per section of facts.yaml."""

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
            raise self.error(f"{where}: unknown organisation kind {e['kind']!r}")
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
        if e.get("event"):  # the event it is associated with: a delegation's working session
            self.add(s, SCHEMA.event, self.iri(e["event"]))
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
            self.add_membership(s, e)

    def add_membership(self, post: URIRef, e: dict) -> None:
        """The holding of a post at a time (org:Membership, org:memberDuring): when the report says it was held.

        The interval is one the report does not bound: it contains the time the report speaks of
        (`held_during`, else the report's period), and says nothing of when the holding began or ended.
        """
        membership = self.minter.scoped("membership", self.report.id, e["id"])
        during = str(e.get("held_during") or self.report.meta["period"])
        interval, instant = URIRef(f"{membership}#interval"), URIRef(f"{membership}#time")
        self.add(membership, RDF.type, ORG.Membership)
        self.add(membership, ORG.member, self.iri(e["held_by"]))
        self.add(membership, ORG.organization, self.iri(e["in"]))
        self.add(membership, ORG.role, self.code("role", e["role"], f"posts `{e['id']}`"))
        self.add(membership, PROV.wasDerivedFrom, self.document)
        self.add(membership, ORG.memberDuring, interval)
        self.add(interval, RDF.type, TIME.Interval)
        self.add(interval, TIME.inside, instant)
        self.add(instant, RDF.type, TIME.Instant)
        if len(during) == 10:
            self.add(instant, TIME.inXSDDate, Literal(during, datatype=XSD.date))
        else:
            self.add(instant, TIME.inXSDgYearMonth, Literal(during, datatype=XSD.gYearMonth))
        name, post = self._by_id[e["held_by"]][1]["name"], e["label"]
        label = {lang: f"{name}: {post[lang]} ({during})" for lang in ("vi", "en")}
        self.bilingual(membership, RDFS.label, label)
        self.cite(membership, e, label, f"{e['id']}-membership")

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
