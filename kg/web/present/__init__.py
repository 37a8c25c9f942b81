"""What a response shows, as plain data (no Flask): terms as labels and links, resource pages,
evidence, figures and charts, the query page, SHACL pages, the words of both languages."""
