"""The HTTP front: what stands between granian's ASGI connections and the Flask app (kg.web).

- kg.web.front.bridge: reads each request in full under a deadline, then answers it with the
  WSGI app on a bounded thread pool, and tells the query pool when a client goes away;
- kg.web.front.fast_lane: answers the lookups a syntax check proves bounded in the HTTP process,
  without Flask (kg.stores.bounded_lookup says which).
"""
