// post_history: for each post of the given agencies, everyone seen in it with first and last seen dates and status, oldest first
// params: agency_ids (list of Agency ids)
MATCH (p:Person)-[h:HOLDS]->(r:Role)-[:OF]->(a:Agency)
WHERE a.id IN $agency_ids
RETURN a.id AS agency_id, a.name AS agency, r.id AS role_id, r.rank AS rank, r.title AS title,
       p.id AS person_id, p.name AS person, h.status AS status,
       h.first_seen AS first_seen, h.last_seen AS last_seen, h.as_of AS as_of,
       h.source_articles AS articles, h.source_sentences AS sentences, h.source_statuses AS statuses
ORDER BY CASE r.rank WHEN 'head' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, title, role_id,
         first_seen, last_seen, person
