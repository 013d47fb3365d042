// who_leads: everyone holding a post in the given agencies (heads, then deputies, then members), with status, as_of and sources
// params: agency_ids (list of Agency ids)
MATCH (p:Person)-[h:HOLDS]->(r:Role)-[:OF]->(a:Agency)
WHERE a.id IN $agency_ids
RETURN a.id AS agency_id, a.name AS agency, r.id AS role_id, r.rank AS rank, r.title AS title,
       p.id AS person_id, p.name AS person, h.status AS status, h.as_of AS as_of,
       h.first_seen AS first_seen, h.last_seen AS last_seen,
       h.source_articles AS articles, h.source_sentences AS sentences
ORDER BY CASE r.rank WHEN 'head' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END,
         CASE h.status WHEN 'former' THEN 1 WHEN 'ended' THEN 1 ELSE 0 END,
         h.as_of DESC, title, person
