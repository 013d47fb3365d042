// roles_of: the posts the given people hold or held, with their organisation, status, as_of and sources
// params: person_ids (list of Person ids)
MATCH (p:Person)-[h:HOLDS]->(r:Role)-[:OF]->(a:Agency)
WHERE p.id IN $person_ids
RETURN p.id AS person_id, p.name AS person, r.id AS role_id, r.title AS title, r.rank AS rank,
       a.id AS agency_id, a.name AS organization, a.full_name AS organization_full,
       h.status AS status, h.as_of AS as_of, h.first_seen AS first_seen, h.last_seen AS last_seen,
       h.confidence AS confidence, h.source_articles AS articles, h.source_sentences AS sentences,
       h.source_zones AS zones
ORDER BY person, CASE h.status WHEN 'former' THEN 1 WHEN 'ended' THEN 1 ELSE 0 END,
         CASE r.rank WHEN 'head' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, organization, title
