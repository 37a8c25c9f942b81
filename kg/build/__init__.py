"""The build: source facts -> graph -> validation -> a new publication version (kg.build.pipeline).

Facts (kg.build.facts) become each report's named graph (kg.build.graph and its entity and
finding sections), validated with SHACL (kg.build.validate) one report at a time
(kg.build.report), then checked as a whole (kg.build.dataset_checks) and written through
kg.publication. Nothing here imports the stores or the web layer.
"""
