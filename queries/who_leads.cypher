// who_leads: everyone holding a post in the given agencies (heads, then deputies, then members; holders before former ones; dated before 'on or before' before undated, latest first), with status, dates and sources
// params: agency_ids (list of Agency ids)
MATCH (p:Person)-[h:HOLDS]->(r:Role)-[:OF]->(a:Agency)
WHERE a.id IN $agency_ids
RETURN a.id AS agency_id, a.name AS agency, r.id AS role_id, r.rank AS rank, r.title AS title,
       p.id AS person_id, p.name AS person, h.status AS status, h.status_basis AS status_basis,
       h.status_article AS status_article, h.as_of AS as_of,
       h.first_seen AS first_seen, h.last_seen AS last_seen, h.first_bound AS first_bound,
       h.last_bound AS last_bound, h.held_from AS held_from, h.held_to AS held_to,
       h.source_articles AS articles, h.source_sentence_ids AS sentences, h.source_statuses AS statuses,
       h.source_zones AS zones, h.source_starts AS offsets, h.source_stated_on AS stated
ORDER BY CASE r.rank WHEN 'head' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END,
         CASE h.status WHEN 'former' THEN 1 WHEN 'ended' THEN 1 ELSE 0 END,
         CASE WHEN h.last_seen IS NOT NULL THEN 0 WHEN h.last_bound IS NOT NULL THEN 1 ELSE 2 END,
         coalesce(h.last_seen, h.last_bound) DESC, title, person
