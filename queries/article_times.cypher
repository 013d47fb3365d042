// article_times: when the given articles were published: date, or only a date_upper bound (on or before), and where it came from
// params: ids (list of Article ids)
UNWIND $ids AS article_id
MATCH (a:Article) WHERE a.id = article_id
RETURN DISTINCT a.id AS id, a.date AS date, a.date_upper AS date_upper, a.date_source AS date_source
