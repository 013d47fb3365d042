// chain_project: one step of the chain around projects and tasks: the documents they follow from, steering and answerable bodies, place, events
// params: ids (list of Project or Task ids)
MATCH (j:Project)-[e:UNDER]->(r:Resolution) WHERE j.id IN $ids
RETURN j.id AS src, 'under' AS step, r.id AS id, 'Resolution' AS label, r.number AS name, r.doc_type AS kind,
       r.issuer AS issuer, r.term AS term, '' AS place, r.subject AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (t:Task)-[e:UNDER]->(r:Resolution) WHERE t.id IN $ids
RETURN t.id AS src, 'under' AS step, r.id AS id, 'Resolution' AS label, r.number AS name, r.doc_type AS kind,
       r.issuer AS issuer, r.term AS term, '' AS place, r.subject AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:RESPONSIBLE_FOR]->(j:Project) WHERE j.id IN $ids
RETURN j.id AS src, 'responsible' AS step, a.id AS id, 'Agency' AS label, a.name AS name, a.kind AS kind,
       '' AS issuer, '' AS term, a.place AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:STEERS]->(j:Project) WHERE j.id IN $ids
RETURN j.id AS src, 'steered_by' AS step, a.id AS id, 'Agency' AS label, a.name AS name, a.kind AS kind,
       '' AS issuer, '' AS term, a.place AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:RESPONSIBLE_FOR]->(t:Task) WHERE t.id IN $ids
RETURN t.id AS src, 'responsible' AS step, a.id AS id, 'Agency' AS label, a.name AS name, a.kind AS kind,
       '' AS issuer, '' AS term, a.place AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (j:Project)-[e:LOCATED_IN]->(l:Place) WHERE j.id IN $ids
RETURN j.id AS src, 'located_in' AS step, l.id AS id, 'Place' AS label, l.name AS name, l.level AS kind,
       '' AS issuer, '' AS term, '' AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (v:Event)-[e:CONCERNS]->(j:Project) WHERE j.id IN $ids
RETURN j.id AS src, 'event' AS step, v.id AS id, 'Event' AS label, v.name AS name, v.kind AS kind,
       '' AS issuer, '' AS term, '' AS place, v.article AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (v:Event)-[e:CONCERNS]->(t:Task) WHERE t.id IN $ids
RETURN t.id AS src, 'event' AS step, v.id AS id, 'Event' AS label, v.name AS name, v.kind AS kind,
       '' AS issuer, '' AS term, '' AS place, v.article AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
