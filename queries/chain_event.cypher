// chain_event: one step of the chain around events: who chaired them, who attended, what they concern, where
// params: ids (list of Event ids)
MATCH (p:Person)-[e:CHAIRED]->(v:Event) WHERE v.id IN $ids
RETURN v.id AS src, 'chaired_by' AS step, p.id AS id, 'Person' AS label, p.name AS name, '' AS kind,
       '' AS issuer, '' AS term, '' AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (p:Person)-[e:ATTENDED]->(v:Event) WHERE v.id IN $ids
RETURN v.id AS src, 'attended_by' AS step, p.id AS id, 'Person' AS label, p.name AS name, '' AS kind,
       '' AS issuer, '' AS term, '' AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:ATTENDED]->(v:Event) WHERE v.id IN $ids
RETURN v.id AS src, 'attended_by' AS step, a.id AS id, 'Agency' AS label, a.name AS name, a.kind AS kind,
       '' AS issuer, '' AS term, a.place AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (v:Event)-[e:CONCERNS]->(r:Resolution) WHERE v.id IN $ids
RETURN v.id AS src, 'concerns' AS step, r.id AS id, 'Resolution' AS label, r.number AS name, r.doc_type AS kind,
       r.issuer AS issuer, r.term AS term, '' AS place, r.subject AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (v:Event)-[e:CONCERNS]->(j:Project) WHERE v.id IN $ids
RETURN v.id AS src, 'concerns' AS step, j.id AS id, 'Project' AS label, j.name AS name, j.kind AS kind,
       '' AS issuer, '' AS term, j.place AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (v:Event)-[e:CONCERNS]->(t:Task) WHERE v.id IN $ids
RETURN v.id AS src, 'concerns' AS step, t.id AS id, 'Task' AS label, t.name AS name, t.status AS kind,
       '' AS issuer, '' AS term, '' AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (v:Event)-[e:CONCERNS]->(a:Agency) WHERE v.id IN $ids
RETURN v.id AS src, 'concerns' AS step, a.id AS id, 'Agency' AS label, a.name AS name, a.kind AS kind,
       '' AS issuer, '' AS term, a.place AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (v:Event)-[e:LOCATED_IN]->(l:Place) WHERE v.id IN $ids
RETURN v.id AS src, 'located_in' AS step, l.id AS id, 'Place' AS label, l.name AS name, l.level AS kind,
       '' AS issuer, '' AS term, '' AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
