"""The publication on disk, the contract between the build and the server.

- kg.publication.layout: the folders and files of a publication, the manifest, the live link;
- kg.publication.writer: writes a version aside and switches it live atomically;
- kg.publication.live: how a reader follows the live version;
- kg.publication.dumps: the RDF dumps and their round-trip check;
- kg.publication.dataset: dataset.yaml, the team's description of its dataset, checked against its schema;
- kg.publication.void: the dataset description (VoID and DCAT), with kg.publication.catalog (publisher, contact,
  themes, coverage, dates, citation, from dataset.yaml) and kg.publication.rights.
"""
