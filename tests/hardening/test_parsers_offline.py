"""The parsers the build and the server use fetch nothing: not from the network, not from the disk
beyond the declared inputs. A listener on 127.0.0.1 counts every connection they could make."""

from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import Dataset, Graph

from kg.build.facts import FactsError, load_report
from kg.build.validate import validate
from kg.publication.dumps import DUMP_FORMATS, check_round_trip
from kg.web.formats import GRAPH_FORMATS, convert_rdf
from tests.loopback import connections_so_far

SECRET = "kg-hardening-secret-file-content"
NO_REMOTE_CONTEXT = "No LoadDocumentCallback has been set to load remote contexts"  # pyoxigraph's refusal


def settle(port, connections):
    """Nothing connected to the listener (every connection made so far has been counted)."""
    assert connections_so_far(port, connections) == []


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


def test_json_ld_with_a_remote_context_is_not_fetched(listener):
    """pyoxigraph reads the JSON-LD dump (round-trip check) and converts JSON-LD on the server."""
    port, connections = listener
    doc = ('{"@context": "http://127.0.0.1:%d/context.jsonld", "@id": "http://ex.org/a", "name": "x"}' % port).encode()
    with pytest.raises(SyntaxError, match=NO_REMOTE_CONTEXT):  # a remote context is an error, not a download
        list(pyoxigraph.parse(doc, format=pyoxigraph.RdfFormat.JSON_LD))
    jsonld = next(f for f in GRAPH_FORMATS if f.names[0] == "jsonld")
    turtle = next(f for f in GRAPH_FORMATS if f.names[0] == "ttl")
    with pytest.raises(SyntaxError, match=NO_REMOTE_CONTEXT):
        convert_rdf(doc, jsonld, turtle)
    settle(port, connections)


def test_json_ld_with_an_imported_context_is_not_fetched(listener):
    port, connections = listener
    doc = ('{"@context": {"@import": "http://127.0.0.1:%d/c.jsonld"}, "@id": "http://ex.org/a"}' % port).encode()
    with pytest.raises(SyntaxError, match=NO_REMOTE_CONTEXT):  # an imported context is refused like a remote one
        list(pyoxigraph.parse(doc, format=pyoxigraph.RdfFormat.JSON_LD))
    settle(port, connections)


def test_the_round_trip_check_of_the_json_ld_dump_fetches_nothing(listener):
    port, connections = listener
    fmt = next(f for f in DUMP_FORMATS if f.filename == "kg.jsonld")
    doc = ('{"@context": "http://127.0.0.1:%d/c", "@id": "http://ex.org/a"}' % port).encode()
    with pytest.raises(SyntaxError, match=NO_REMOTE_CONTEXT):
        check_round_trip(fmt, doc, set())
    settle(port, connections)


def rdf_xml_with_entities(port: int, secret_file) -> bytes:
    return f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
  <!ENTITY local SYSTEM "file://{secret_file}">
  <!ENTITY remote SYSTEM "http://127.0.0.1:{port}/entity">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/">
  <rdf:Description rdf:about="http://ex.org/a"><ex:p>&local;</ex:p><ex:q>&remote;</ex:q></rdf:Description>
</rdf:RDF>""".encode()


def test_rdf_xml_external_entities_are_not_read_by_rdflib(listener, secret_file):
    """rdflib reads the RDF/XML dump back in the build's round-trip check."""
    port, connections = listener
    graph = Dataset()
    graph.parse(data=rdf_xml_with_entities(port, secret_file), format="xml")
    assert sorted(str(o) for o in graph.objects()) == ["", ""]  # both entities left empty: neither file nor URL read
    settle(port, connections)


def test_rdf_xml_external_entities_are_not_read_by_pyoxigraph(listener, secret_file):
    port, connections = listener
    with pytest.raises(SyntaxError, match="ENTITY"):  # pyoxigraph refuses external entities outright
        list(pyoxigraph.parse(rdf_xml_with_entities(port, secret_file), format=pyoxigraph.RdfFormat.RDF_XML))
    settle(port, connections)


def test_owl_imports_in_the_shapes_are_not_followed_by_the_validator(listener):
    port, connections = listener
    shapes = Graph().parse(
        data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
        <http://ex.org/shapes> owl:imports <http://127.0.0.1:{port}/more-shapes.ttl> .
        <http://ex.org/S> a sh:NodeShape ; sh:targetClass <http://ex.org/C> ; sh:property [ sh:path <http://ex.org/p> ; sh:minCount 1 ] .
    """,
        format="turtle",
    )
    data = Graph().parse(
        data=f"""
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        <http://ex.org/data> owl:imports <http://127.0.0.1:{port}/more-data.ttl> .
        <http://ex.org/a> a <http://ex.org/C> ; <http://ex.org/p> 1 .
    """,
        format="turtle",
    )
    assert validate(data, shapes).conforms
    settle(port, connections)


def test_turtle_prefixes_and_base_are_names_not_downloads(listener):
    port, connections = listener
    Graph().parse(data=f"@base <http://127.0.0.1:{port}/> . @prefix x: <http://127.0.0.1:{port}/x#> . <a> x:b <c> .", format="turtle")
    list(pyoxigraph.parse(f"@base <http://127.0.0.1:{port}/> . <a> <b> <c> .".encode(), format=pyoxigraph.RdfFormat.TURTLE))
    settle(port, connections)


def test_facts_yaml_cannot_run_code_or_build_python_objects(tmp_path):
    folder = tmp_path / "reports" / "evil"
    folder.mkdir(parents=True)
    marker = tmp_path / "ran"
    (folder / "facts.yaml").write_text(f"report: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    with pytest.raises(FactsError, match="not valid YAML"):
        load_report(folder)
    assert not marker.exists()


def test_control_rdflibs_own_json_ld_parser_would_fetch_the_context(listener):
    """Why kg reads JSON-LD with pyoxigraph only: rdflib's parser downloads remote contexts (here: from the listener)."""
    port, connections = listener
    doc = '{"@context": "http://127.0.0.1:%d/context.jsonld", "@id": "http://ex.org/a", "name": "x"}' % port
    try:
        Graph().parse(data=doc, format="json-ld")
    except Exception:  # noqa: BLE001 - the listener closes at once: rdflib fails on the empty answer, after asking
        pass
    assert len(connections_so_far(port, connections)) >= 1


def test_kg_never_asks_rdflib_to_parse_json_ld():
    import re
    from pathlib import Path

    import kg

    sources = [p for p in Path(kg.__file__).parent.rglob("*.py")]
    calls = [(p.name, m.group(0)) for p in sources for m in re.finditer(r"\.parse\([^)]*json-?ld[^)]*\)", p.read_text(encoding="utf-8"), re.I)]
    assert calls == []
