// stats_articles: how many articles the store holds and the dates they span
// params: none
MATCH (a:Article)
RETURN count(a) AS articles, count(a.date) AS dated, min(a.date) AS first_date, max(a.date) AS last_date
