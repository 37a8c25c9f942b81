"""rdflib-endpoint serving RDF files at /sparql, as `rdflib-endpoint serve` does but on that path.

`rdflib-endpoint serve FILES` loads the files into an in-memory rdflib Dataset (default graph = union)
and serves it at `/` under uvicorn; this does the same at `/sparql`, so that every server of the
benchmark answers the same requests. Usage: python -m bench.rdflib_endpoint_app --port P FILE...
"""

from __future__ import annotations

import argparse


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.rdflib_endpoint_app", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", help="RDF files to load (format by suffix)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)

    import uvicorn
    from rdflib import Dataset
    from rdflib_endpoint import SparqlEndpoint

    dataset = Dataset(default_union=True)
    for path in args.files:
        dataset.parse(path)
        print(f"loaded {path}: {len(dataset)} triples in all", flush=True)
    app = SparqlEndpoint(graph=dataset, path="/sparql")
    uvicorn.run(app, host=args.host, port=args.port)


if __name__ == "__main__":
    main()
