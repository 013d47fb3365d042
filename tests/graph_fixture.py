"""A hand-built graph of the five sample articles' facts, written to an embedded store.

It follows ``docs/graph.md`` (labels, properties, edges, ids from ``make_id(label, key)``, sources
as ``Source`` objects) and states the hand-checked facts of the sample articles, each with its
evidence sentence. Query, lookup and export tests run against it, so they do not depend on the
recognisers; once ``govkg load`` exists, the same tests also run on the store it builds from the
real articles.

Keys of Person and Agency follow the contract (``text.key`` of the name); keys of Role,
Resolution, Task and Project are only identity keys here, and no query relies on their form.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from govkg.graph.model import KnowledgeGraph, Source, make_id
from govkg.identity import fold, key

A0, A1, A2, A3, A4 = (
    "000_372fcefd87e77f7b",
    "001_d7db6c298246974e",
    "002_3b765d64efecc320",
    "003_cc153bd936ce14ee",
    "004_aa9be8dcd83bf31c",
)

ARTICLES = {
    A0: dict(title="Ông Trần Việt Trường, Phó Bí thư Thành ủy, Chủ tịch UBND TP Cần Thơ:", date=date(2024, 5, 28),
             source="baocantho.com.vn", outlet="CT", locality="Cần Thơ"),
    A1: dict(title="Hội nghị Ban Chấp hành Đảng bộ TP Cần Thơ sơ kết 6 tháng đầu năm 2023", date=date(2023, 6, 29),
             source="baocantho.com.vn", locality="Cần Thơ"),
    A2: dict(title="Tăng cường đổi mới công tác lãnh đạo, chỉ đạo điều hành", date=date(2024, 3, 4),
             source="baodongthap.vn", outlet="ĐTO", locality="Đồng Tháp"),
    A3: dict(title="Rà soát lại các chỉ tiêu, nhiệm vụ để thực hiện hiệu quả Chương trình 03", date=None,
             source="phapluatxahoi.kinhtedothi.vn", locality="Hà Nội"),
    A4: dict(title="Đẩy nhanh tiến độ các dự án trọng điểm", date=date(2018, 6, 18),
             source="hanoimoi.vn", locality="Hà Nội"),
}

# evidence sentences, as the articles write them
S = {
    "ttt": "Ngày 28-5, ông Trần Việt Trường, Phó Bí thư Thành ủy, Chủ tịch UBND TP Cần Thơ chủ trì cuộc họp "
           "đánh giá tình hình triển khai thực hiện nhiệm vụ được giao tại Nghị quyết số 59-NQ/TW của Bộ Chính "
           "trị, Nghị quyết số 45/2022/NQ-QH của Quốc hội, Nghị quyết số 98/NQ-CP của Chính phủ và một số dự án "
           "trọng điểm trên địa bàn thành phố.",
    "ttt_title": "Ông Trần Việt Trường, Phó Bí thư Thành ủy, Chủ tịch UBND TP Cần Thơ:",
    "attend0": "Đại diện lãnh đạo HĐND, UBND, Ủy ban MTTQVN TP Cần Thơ và các sở, ban ngành, đơn vị liên quan, "
               "UBND các quận, huyện tham dự hội nghị.",
    "ubnd_ct": "Ngay sau khi các nghị quyết được ban hành, UBND thành phố kịp thời xây dựng và ban hành các kế "
               "hoạch, chương trình công tác tổ chức triển khai thực hiện theo yêu cầu nhiệm vụ.",
    "bcd_ct": "Thành phố thành lập Ban chỉ đạo triển khai thực hiện các Nghị quyết số 59-NQ/TW của Bộ Chính trị, "
              "Nghị quyết số 45/2022/NQ-QH của Quốc hội và Nghị quyết số 98/NQ-CP của Chính phủ và một số dự án "
              "trọng điểm trên địa bàn thành phố.",
    "tasks59": "Theo báo cáo của UBND thành phố, đối với các nhiệm vụ trọng tâm triển khai thực hiện Nghị quyết số "
               "59-NQ/TW của Bộ Chính trị về xây dựng và phát triển TP Cần Thơ đến năm 2030, tầm nhìn đến năm "
               "2045, thành phố đã tổ chức thực hiện 11 nhiệm vụ và đang tổ chức thực hiện 9 nhiệm vụ còn lại.",
    "nq98": "Về Nghị quyết số 98/NQ-CP của Chính phủ ban hành chương trình hành động của Chính phủ thực hiện "
            "Nghị quyết số 59-NQ/TW, thành phố đã tổ chức thực hiện hoặc được ban hành các chương trình, đề án, "
            "kế hoạch cụ thể hóa được 11/20 nhiệm vụ.",
    "nq45": "Theo Nghị quyết số 45/2022/QH15 của Quốc hội về thí điểm một số cơ chế, chính sách đặc thù phát "
            "triển TP Cần Thơ, thành phố có 6 cơ chế, chính sách và 2 dự án đang được triển khai thực hiện.",
    "vanhdai": "Công trình đường Vành đai phía Tây thành phố là một trong những công trình trọng điểm của thành "
               "phố đang triển khai thực hiện.",
    "directed0": "Phát biểu chỉ đạo tại cuộc họp, ông Trần Việt Trường yêu cầu thành viên UBND thành phố, thủ "
                 "trưởng cơ quan ban ngành, chủ tịch UBND quận, huyện thực hiện rà soát nhiệm vụ được phân công "
                 "cho cơ quan, địa phương theo chương trình, kế hoạch của Ban Thường vụ Thành ủy, UBND thành phố.",
    "btv_ct": "Cùng đó, theo dõi tiến độ, kịp thời tham mưu Ban cán sự đảng UBND thành phố, Ban Thường vụ Thành "
              "ủy lãnh đạo, chỉ đạo đẩy nhanh tiến độ thực hiện nhiệm vụ được giao.",
    "hieu": "Ngày 29-6, đồng chí Nguyễn Văn Hiếu, Ủy viên Dự khuyết Trung ương Đảng, Bí thư Thành ủy Cần Thơ đã "
            "chủ trì Hội nghị Ban Chấp hành Đảng bộ TP Cần Thơ (mở rộng) sơ kết công tác 6 tháng đầu năm và "
            "triển khai nhiệm vụ công tác 6 tháng cuối năm 2023.",
    "hieu2": "Bí thư Thành ủy Cần Thơ Nguyễn Văn Hiếu đề nghị tập trung rà soát việc thực hiện các chỉ tiêu kinh "
             "tế - xã hội; trong đó, Ban Cán sự Đảng UBND TP Cần Thơ chỉ đạo các sở, ngành chủ động phối hợp "
             "các bộ, ngành Trung ương, Thường trực Chính phủ thể chế hóa, tổ chức thực hiện được một số công "
             "trình, dự án theo Nghị quyết số 45/2022/QH15 của Quốc hội và Nghị quyết số 59-NQ/TW của Bộ Chính "
             "trị cũng như chỉ đạo của Thủ tướng Chính phủ; đôn đốc, hỗ trợ thực hiện hiệu quả; các cán bộ, "
             "công chức phải thể hiện hết trách nhiệm, không đùn đẩy, né tránh vì sự phát triển của thành phố.",
    "btv_ct1": "Trong 6 tháng đầu năm 2023, Ban Thường vụ Thành ủy Cần Thơ đã chỉ đạo cấp ủy đảng cơ sở và trực "
               "thuộc Thành ủy tổ chức sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội đảng bộ nhiệm kỳ "
               "2020-2025.",
    "nghia": "ĐTO - Đó là chỉ đạo của Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Phạm Thiện Nghĩa tại buổi làm việc "
             "với UBND TP Cao Lãnh về triển khai các nhiệm vụ trọng tâm phát triển kinh tế - xã hội năm 2024 "
             "vào chiều ngày 4/3.",
    "nghia2": "Trong năm 2024, Chủ tịch UBND tỉnh Phạm Thiện Nghĩa yêu cầu TP Cao Lãnh chủ động trong lãnh đạo, "
              "điều hành và đề cao trách nhiệm người đứng đầu; đổi mới trong công tác lãnh đạo, chỉ đạo điều "
              "hành bám sát vào chỉ đạo của cấp trên; kiểm tra, giám sát việc thực hiện và tăng cường kỷ cương, "
              "kỷ luật để thực hiện đạt các chỉ tiêu đề ra.",
    "minh": "Chủ tịch UBND TP Cao Lãnh Võ Phan Thành Minh báo cáo kết quả thực hiện với Đoàn công tác",
    "cv271": "Thực hiện Bản cam kết hành động năm 2024 với UBND tỉnh, UBND TP Cao Lãnh đã tập trung chỉ đạo, cụ "
             "thể hóa và triển khai thực hiện 11 nội dung tại Công văn số 271 ngày 31/1/2024 giao cho các phòng, "
             "ban ngành thành phố và UBND các xã, phường thực hiện từng nội dung cụ thể.",
    "tuan": "Phó Bí thư Thành ủy, Chủ tịch HĐND TP Nguyễn Ngọc Tuấn - Trưởng Ban Chỉ đạo Chương trình số 03 "
            "-CTr/TU chủ trì Hội nghị.",
    "deputies": "Cùng dự Hội nghị có Trưởng ban Dân vận Thành uỷ Nguyễn Doãn Toản - Phó trưởng Ban Chỉ đạo "
                "Chương trình; Phó Chủ tịch UBND TP Dương Đức Tuấn - Phó trưởng Ban Thường trực Ban Chỉ đạo "
                "Chương trình; các thành viên Ban chỉ đạo; lãnh đạo các quận, huyện, thị xã; sở, ngành TP...",
    "phong": "Báo cáo kết quả thực hiện Chương trình 03, Giám đốc Sở Xây dựng Hà Nội Võ Nguyên Phong cho biết: "
             "Trong 9 tháng đầu năm, Ban Chỉ đạo Chương trình đã thường xuyên kiểm tra, đôn đốc các đơn vị triển "
             "khai thực hiện các chỉ tiêu, nhiệm vụ.",
    "projects03": "Trưởng Ban Chỉ đạo đã kiểm tra, đôn đốc công tác triển khai thực hiện tại dự án xử lý nước "
                  "thải, rác thải, giao thông quan trọng như: Hệ thống xử lý nước thải Yên Xá; kiểm tra tình "
                  "hình thực hiện xử lý chất thải rắn sinh hoạt tại Khu liên hiệp xử lý chất thải Nam Sơn, "
                  "huyện Sóc Sơn….",
    "ctr03": "Để tập trung hơn trong lãnh đạo, chỉ đạo, huy động cả hệ thống chính trị cùng vào cuộc và sau khi "
             "rà soát toàn bộ các nội dung của Chương trình, Ban Chỉ đạo Chương trình 03-CTr/TU của Thành ủy đã "
             "tổ chức để các quận, huyện, thị xã và các Ban Quản lý dự án chuyên ngành của TP ký cam kết thi đua "
             "thực hiện Chương trình 03-CTr/TU.",
    "chitieu19": "Ban Chỉ đạo Chương trình tiếp tục chỉ đạo các Sở, ban, ngành, các đơn vị liên quan, UBND các "
                 "quận, huyện, thị xã được giao chủ trì chủ động triển khai các giải pháp để tổ chức thực hiện "
                 "19 chỉ tiêu của Chương trình.",
    "hang": "Sáng 18/6, Ủy viên Trung ương Đảng, Phó Bí thư Thường trực Thành ủy Hà Nội Ngô Thị Thanh Hằng dẫn "
            "đầu Đoàn kiểm tra số 01 của Ban Thường vụ Thành ủy làm việc với Ban thường vụ Đảng ủy Sở Kế hoạch "
            "và Đầu tư về việc thực hiện Chương trình 06-CTr/TU của Thành ủy về “Phát triển đồng bộ, hiện đại "
            "hóa từng bước kết cấu hạ tầng đô thị, tăng cường quản lý trật tự xây dựng, đất đai, môi trường, "
            "xây dựng đô thị văn minh và hiện đại giai đoạn 2016-2020”.",
    "skhdt": "Theo Sở Kế hoạch và Đầu tư, thực hiện Chương trình 06-CTr/TU của Thành ủy, đơn vị này đã ban hành "
             "kế hoạch nhằm cụ thể hóa các mục tiêu, giao trách nhiệm tổ chức thực hiện tới các đơn vị.",
    "ctr03_old": "Là đầu mối bảo đảm sự phối hợp trong đầu tư xây dựng của các cơ quan, các bộ, ngành trên địa "
                 "bàn Hà Nội, Sở đã tích cực tham mưu giúp Thành ủy, UBND TP trong việc xây dựng kế hoạch, báo "
                 "cáo, chương trình hành động, đề tài nghiên cứu về phát triển kinh tế xã hội như: ...; Sơ kết "
                 "giữa nhiệm kỳ thực hiện Chương trình số 03-CTr/TU của Thành ủy về “Đẩy mạnh tái cơ cấu kinh "
                 "tế, nâng cao năng lực cạnh tranh, tích cực hộinhập kinh tế quốc tế, phát triển Thủ đô nhanh, "
                 "bền vững”...",
    "hang2": "Phó Bí thư Thường trực Thành ủy cũng yêu cầu Sở Kế hoạch và Đầu tư tăng cường trao đổi phối hợp "
             "chặt chẽ hiệu quả với các bộ, ngành để tháo gỡ khó khăn, vướng mắc trong triển khai quy hoạch "
             "chuyên ngành, triển khai các dự án trọng điểm trên địa bàn.",
}

# the sentence of a source: (article, sentence key, start offset, zone)


def src(article: str, skey: str, start: int = 0, zone: str = "body", status: str | None = None) -> Source:
    return Source(article, S[skey], start, zone, status)


class _Builder:
    def __init__(self) -> None:
        self.kg = KnowledgeGraph()
        self.mentions: dict[str, set[str]] = {}

    def mention(self, article: str, node: str) -> None:
        self.mentions.setdefault(article, set()).add(node)

    def article(self, aid: str, **props) -> str:
        return self.kg.add_node("Article", aid, path=f"tests/fixtures/articles/{aid}.txt", content_hash=f"h-{aid}",
                                **props)

    def place(self, name: str, full_name: str, level: str, parent: str | None = None) -> str:
        pid = self.kg.add_node("Place", make_id("Place", key(name)), name=name, full_name=full_name, level=level)
        if parent:
            self.kg.add_fact("PART_OF", pid, parent)
        return pid

    def agency(self, name: str, kind: str, branch: str, place: str | None = None, full_name: str | None = None,
               aliases: list[str] | None = None) -> str:
        k = key(name)
        aid = make_id("Agency", k)
        full = full_name or name
        self.kg.add_node("Agency", aid, name=name, full_name=full, kind=kind, branch=branch, place=place, key=k,
                         folded=fold(name), aliases=list(dict.fromkeys([full] + (aliases or []))))
        return aid

    def person(self, name: str, honorific: str | None = None, ranks: list[str] | None = None) -> str:
        k = key(name)
        return self.kg.add_node("Person", make_id("Person", k), name=name, key=k, folded=fold(name),
                                honorific=honorific, ranks=ranks or [])

    def holds(self, person: str, title: str, rank: str, agency: str, source: Source, status: str = "current") -> str:
        ag = self.kg.g.nodes[agency]
        rkey = f"{key(title)} | {ag['key']}"
        rid = self.kg.add_node("Role", make_id("Role", rkey), title=title, name=f"{title} {ag['name']}", rank=rank,
                               key=rkey)
        self.kg.add_fact("OF", rid, agency, Source(source.article, source.sentence, source.start, source.zone))
        self.kg.add_fact("HOLDS", person, rid, Source(source.article, source.sentence, source.start, source.zone,
                                                      status), confidence=0.9)
        for n in (person, rid, agency):
            self.mention(source.article, n)
        return rid

    def resolution(self, number: str, doc_type: str, regime: str, issuer: str, year: int | None = None,
                   term: str | None = None, subject: str | None = None, when: date | None = None,
                   aliases: list[str] | None = None) -> str:
        k = "|".join(x for x in (number.lower(), key(issuer), term or "") if x)
        return self.kg.add_node("Resolution", make_id("Resolution", k), number=number, doc_type=doc_type,
                                regime=regime, year=year, term=term, issuer=issuer, subject=subject, date=when,
                                aliases=aliases or [], key=k)

    def fact(self, etype: str, u: str, v: str, source: Source, **props) -> None:
        self.kg.add_fact(etype, u, v, source, confidence=0.8, **props)
        self.mention(source.article, u)
        self.mention(source.article, v)


def build_seed_graph() -> KnowledgeGraph:
    """The seed facts of the five sample articles as a KnowledgeGraph."""
    b = _Builder()
    kg = b.kg
    for aid, props in ARTICLES.items():
        b.article(aid, **props)

    # places
    can_tho = b.place("Cần Thơ", "Thành phố Cần Thơ", "province")
    ha_noi = b.place("Hà Nội", "Thành phố Hà Nội", "province")
    dong_thap = b.place("Đồng Tháp", "Tỉnh Đồng Tháp", "province")
    cao_lanh = b.place("Cao Lãnh", "Thành phố Cao Lãnh", "district", parent=dong_thap)
    soc_son = b.place("Sóc Sơn", "Huyện Sóc Sơn", "district", parent=ha_noi)

    # agencies
    ubnd_ct = b.agency("UBND TP Cần Thơ", "ubnd", "state", "Cần Thơ", "Ủy ban nhân dân thành phố Cần Thơ")
    tu_ct = b.agency("Thành ủy Cần Thơ", "thanh_uy", "party", "Cần Thơ",
                     aliases=["Thành ủy thành phố Cần Thơ", "Thành ủy TP Cần Thơ"])
    hdnd_ct = b.agency("HĐND TP Cần Thơ", "hdnd", "state", "Cần Thơ", "Hội đồng nhân dân thành phố Cần Thơ")
    mttq_ct = b.agency("Ủy ban MTTQVN TP Cần Thơ", "mttq", "front", "Cần Thơ",
                       "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ")
    btv_ct = b.agency("Ban Thường vụ Thành ủy Cần Thơ", "ban_thuong_vu", "party", "Cần Thơ")
    bch_ct = b.agency("Ban Chấp hành Đảng bộ TP Cần Thơ", "ban_chap_hanh", "party", "Cần Thơ",
                      "Ban Chấp hành Đảng bộ thành phố Cần Thơ")
    bcd_ct = b.agency("Ban Chỉ đạo triển khai thực hiện các Nghị quyết số 59-NQ/TW, 45/2022/QH15, 98/NQ-CP",
                      "ban_chi_dao", "steering", "Cần Thơ")
    bct = b.agency("Bộ Chính trị", "bo_chinh_tri", "party")
    qh = b.agency("Quốc hội", "quoc_hoi", "state")
    cp = b.agency("Chính phủ", "chinh_phu", "state")
    bchtw = b.agency("Ban Chấp hành Trung ương Đảng", "ban_chap_hanh_tw", "party",
                     aliases=["Trung ương Đảng", "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam"])
    tu_dt = b.agency("Tỉnh ủy Đồng Tháp", "tinh_uy", "party", "Đồng Tháp", aliases=["Tỉnh ủy tỉnh Đồng Tháp"])
    ubnd_dt = b.agency("UBND tỉnh Đồng Tháp", "ubnd", "state", "Đồng Tháp", "Ủy ban nhân dân tỉnh Đồng Tháp")
    ubnd_cl = b.agency("UBND TP Cao Lãnh", "ubnd", "state", "Cao Lãnh", "Ủy ban nhân dân thành phố Cao Lãnh")
    tu_hn = b.agency("Thành ủy Hà Nội", "thanh_uy", "party", "Hà Nội",
                     aliases=["Thành ủy thành phố Hà Nội", "Thành ủy TP Hà Nội"])
    hdnd_hn = b.agency("HĐND TP Hà Nội", "hdnd", "state", "Hà Nội", "Hội đồng nhân dân thành phố Hà Nội")
    ubnd_hn = b.agency("UBND TP Hà Nội", "ubnd", "state", "Hà Nội", "Ủy ban nhân dân thành phố Hà Nội")
    sxd_hn = b.agency("Sở Xây dựng Hà Nội", "so", "state", "Hà Nội", aliases=["Sở Xây dựng TP Hà Nội"])
    bdv_hn = b.agency("Ban Dân vận Thành ủy Hà Nội", "ban_dan_van", "party", "Hà Nội")
    bcd03 = b.agency("Ban Chỉ đạo Chương trình 03-CTr/TU", "ban_chi_dao", "steering", "Hà Nội",
                     aliases=["Ban Chỉ đạo Chương trình số 03-CTr/TU"])
    btv_hn = b.agency("Ban Thường vụ Thành ủy Hà Nội", "ban_thuong_vu", "party", "Hà Nội")
    skhdt_hn = b.agency("Sở Kế hoạch và Đầu tư Hà Nội", "so", "state", "Hà Nội", aliases=["Sở KH&ĐT Hà Nội"])

    for ag, place in ((ubnd_ct, can_tho), (tu_ct, can_tho), (hdnd_ct, can_tho), (bcd_ct, can_tho),
                      (ubnd_dt, dong_thap), (tu_dt, dong_thap), (ubnd_cl, cao_lanh), (tu_hn, ha_noi),
                      (hdnd_hn, ha_noi), (ubnd_hn, ha_noi), (sxd_hn, ha_noi), (bcd03, ha_noi)):
        kg.add_fact("LOCATED_IN", ag, place)
    b.fact("PART_OF", btv_ct, tu_ct, src(A1, "btv_ct1"))
    b.fact("PART_OF", sxd_hn, ubnd_hn, src(A3, "phong"))
    b.fact("PART_OF", bdv_hn, tu_hn, src(A3, "deputies"))
    b.fact("PART_OF", btv_hn, tu_hn, src(A4, "hang"))
    b.fact("PART_OF", bcd03, tu_hn, src(A3, "ctr03"))

    # people and their posts
    ttt = b.person("Trần Việt Trường", "ông")
    b.holds(ttt, "Phó Bí thư", "deputy", tu_ct, src(A0, "ttt", 120))
    b.holds(ttt, "Chủ tịch", "head", ubnd_ct, src(A0, "ttt", 120))
    kg.add_fact("HOLDS", ttt, make_id("Role", f"{key('Chủ tịch')} | {key('UBND TP Cần Thơ')}"),
                src(A0, "ttt_title", 0, "title", status="current"))

    hieu = b.person("Nguyễn Văn Hiếu", "đồng chí")
    b.holds(hieu, "Ủy viên dự khuyết", "member", bchtw, src(A1, "hieu", 19))
    b.holds(hieu, "Bí thư", "head", tu_ct, src(A1, "hieu", 19))
    kg.add_fact("HOLDS", hieu, make_id("Role", f"{key('Bí thư')} | {key('Thành ủy Cần Thơ')}"),
                src(A1, "hieu2", 4100, status="current"))

    nghia = b.person("Phạm Thiện Nghĩa")
    b.holds(nghia, "Phó Bí thư", "deputy", tu_dt, src(A2, "nghia", 90))
    b.holds(nghia, "Chủ tịch", "head", ubnd_dt, src(A2, "nghia", 90))
    minh = b.person("Võ Phan Thành Minh")
    b.holds(minh, "Chủ tịch", "head", ubnd_cl, src(A2, "minh", 2600))

    tuan = b.person("Nguyễn Ngọc Tuấn")
    b.holds(tuan, "Phó Bí thư", "deputy", tu_hn, src(A3, "tuan", 300))
    b.holds(tuan, "Chủ tịch", "head", hdnd_hn, src(A3, "tuan", 300))
    b.holds(tuan, "Trưởng ban", "head", bcd03, src(A3, "tuan", 300))
    toan = b.person("Nguyễn Doãn Toản")
    b.holds(toan, "Trưởng ban", "head", bdv_hn, src(A3, "deputies", 420))
    b.holds(toan, "Phó Trưởng ban", "deputy", bcd03, src(A3, "deputies", 420))
    dd_tuan = b.person("Dương Đức Tuấn")
    b.holds(dd_tuan, "Phó Chủ tịch", "deputy", ubnd_hn, src(A3, "deputies", 420))
    b.holds(dd_tuan, "Phó Trưởng ban Thường trực", "deputy", bcd03, src(A3, "deputies", 420))
    phong = b.person("Võ Nguyên Phong")
    b.holds(phong, "Giám đốc", "head", sxd_hn, src(A3, "phong", 800))

    hang = b.person("Ngô Thị Thanh Hằng")
    b.holds(hang, "Ủy viên", "member", bchtw, src(A4, "hang", 60))
    b.holds(hang, "Phó Bí thư Thường trực", "deputy", tu_hn, src(A4, "hang", 60))

    # documents
    nq59 = b.resolution("59-NQ/TW", "Nghị quyết", "party", "Bộ Chính trị",
                        subject="xây dựng và phát triển TP Cần Thơ đến năm 2030, tầm nhìn đến năm 2045")
    nq45 = b.resolution("45/2022/QH15", "Nghị quyết", "normative", "Quốc hội", year=2022,
                        subject="thí điểm một số cơ chế, chính sách đặc thù phát triển TP Cần Thơ",
                        aliases=["45/2022/NQ-QH"])
    nq98 = b.resolution("98/NQ-CP", "Nghị quyết", "administrative", "Chính phủ",
                        subject="chương trình hành động của Chính phủ thực hiện Nghị quyết số 59-NQ/TW")
    cv271 = b.resolution("271", "Công văn", "plain", "UBND TP Cao Lãnh", year=2024, when=date(2024, 1, 31))
    ctr03 = b.resolution("03-CTr/TU", "Chương trình", "party", "Thành ủy Hà Nội", term="2020-2025")
    ctr03_old = b.resolution("03-CTr/TU", "Chương trình", "party", "Thành ủy Hà Nội", term="2015-2020",
                             subject="Đẩy mạnh tái cơ cấu kinh tế, nâng cao năng lực cạnh tranh, tích cực hội "
                                     "nhập kinh tế quốc tế, phát triển Thủ đô nhanh, bền vững")
    ctr06 = b.resolution("06-CTr/TU", "Chương trình", "party", "Thành ủy Hà Nội", term="2015-2020",
                         subject="Phát triển đồng bộ, hiện đại hóa từng bước kết cấu hạ tầng đô thị, tăng cường "
                                 "quản lý trật tự xây dựng, đất đai, môi trường, xây dựng đô thị văn minh và hiện "
                                 "đại giai đoạn 2016-2020")

    b.fact("ISSUED", bct, nq59, src(A0, "ttt", 120))
    b.fact("ISSUED", qh, nq45, src(A0, "nq45", 1900))
    b.fact("ISSUED", cp, nq98, src(A0, "nq98", 1500))
    b.fact("IMPLEMENTS", nq98, nq59, src(A0, "nq98", 1500))
    b.fact("ISSUED", ubnd_cl, cv271, src(A2, "cv271", 3100))
    b.fact("ISSUED", tu_hn, ctr03, src(A3, "ctr03", 6000))
    b.fact("ISSUED", tu_hn, ctr03_old, src(A4, "ctr03_old", 2400))
    b.fact("ISSUED", tu_hn, ctr06, src(A4, "hang", 60))
    b.fact("STEERS", bcd03, ctr03, src(A3, "ctr03", 6000))
    for d in (nq59, nq45, nq98):
        b.fact("STEERS", bcd_ct, d, src(A0, "bcd_ct", 1000))
        b.fact("RESPONSIBLE_FOR", ubnd_ct, d, src(A0, "ubnd_ct", 700))
    b.fact("RESPONSIBLE_FOR", skhdt_hn, ctr06, src(A4, "skhdt", 900))

    # tasks and projects
    t59 = kg.add_node("Task", make_id("Task", "nhiệm vụ trọng tâm thực hiện 59-nq/tw"),
                      name="nhiệm vụ trọng tâm triển khai thực hiện Nghị quyết số 59-NQ/TW", total=20, done=11,
                      status="in progress", key="nhiệm vụ trọng tâm thực hiện 59-nq/tw")
    t98 = kg.add_node("Task", make_id("Task", "nhiệm vụ chương trình hành động 98/nq-cp"),
                      name="nhiệm vụ của chương trình hành động thực hiện Nghị quyết số 98/NQ-CP", total=20,
                      done=11, late=5, status="late", key="nhiệm vụ chương trình hành động 98/nq-cp")
    t03 = kg.add_node("Task", make_id("Task", "19 chỉ tiêu chương trình 03-ctr/tu"),
                      name="19 chỉ tiêu của Chương trình 03-CTr/TU", total=19, status="in progress",
                      key="19 chỉ tiêu chương trình 03-ctr/tu")
    b.fact("UNDER", t59, nq59, src(A0, "tasks59", 1200))
    b.fact("UNDER", t98, nq98, src(A0, "nq98", 1500))
    b.fact("UNDER", t03, ctr03, src(A3, "chitieu19", 3000))
    b.fact("RESPONSIBLE_FOR", ubnd_ct, t59, src(A0, "tasks59", 1200))
    b.fact("RESPONSIBLE_FOR", bcd03, t03, src(A3, "chitieu19", 3000))

    p_vd = kg.add_node("Project", make_id("Project", key("đường Vành đai phía Tây") + " | cần thơ"),
                       name="đường Vành đai phía Tây", kind="công trình", place="Cần Thơ",
                       key=key("đường Vành đai phía Tây") + " | cần thơ")
    p_yx = kg.add_node("Project", make_id("Project", key("Hệ thống xử lý nước thải Yên Xá")),
                       name="Hệ thống xử lý nước thải Yên Xá", kind="hệ thống", place="Hà Nội",
                       key=key("Hệ thống xử lý nước thải Yên Xá"))
    p_ns = kg.add_node("Project", make_id("Project", key("Khu liên hiệp xử lý chất thải Nam Sơn")),
                       name="Khu liên hiệp xử lý chất thải Nam Sơn", kind="khu liên hiệp", place="Sóc Sơn, Hà Nội",
                       key=key("Khu liên hiệp xử lý chất thải Nam Sơn"))
    b.fact("LOCATED_IN", p_vd, can_tho, src(A0, "vanhdai", 2300))
    b.fact("LOCATED_IN", p_yx, ha_noi, src(A3, "projects03", 1100))
    b.fact("LOCATED_IN", p_ns, soc_son, src(A3, "projects03", 1100))
    b.fact("UNDER", p_yx, ctr03, src(A3, "projects03", 1100))
    b.fact("UNDER", p_ns, ctr03, src(A3, "projects03", 1100))

    # events
    def event(article: str, kind: str, name: str, when: date | None) -> str:
        return kg.add_node("Event", make_id("Event", f"{article}|{kind}|{key(name)}"), kind=kind, name=name,
                           date=when, article=article)

    e0 = event(A0, "meeting", "cuộc họp đánh giá tình hình triển khai thực hiện nhiệm vụ được giao tại Nghị "
               "quyết số 59-NQ/TW", date(2024, 5, 28))
    b.fact("CHAIRED", ttt, e0, src(A0, "ttt", 120))
    for d in (nq59, nq45, nq98):
        b.fact("CONCERNS", e0, d, src(A0, "ttt", 120))
    b.fact("CONCERNS", e0, p_vd, src(A0, "vanhdai", 2300))
    for ag in (hdnd_ct, ubnd_ct, mttq_ct):
        b.fact("ATTENDED", ag, e0, src(A0, "attend0", 480))
    b.fact("LOCATED_IN", e0, can_tho, src(A0, "ttt", 120))
    b.fact("DIRECTED", ttt, ubnd_ct, src(A0, "directed0", 3500), verb="yêu cầu",
           instruction="thực hiện rà soát nhiệm vụ được phân công cho cơ quan, địa phương")
    b.fact("RESPONSIBLE_FOR", btv_ct, nq59, src(A0, "btv_ct", 900))

    e1 = event(A1, "conference", "Hội nghị Ban Chấp hành Đảng bộ TP Cần Thơ (mở rộng)", date(2023, 6, 29))
    b.fact("CHAIRED", hieu, e1, src(A1, "hieu", 19))
    b.fact("CONCERNS", e1, bch_ct, src(A1, "hieu", 19))

    e2 = event(A2, "working session", "buổi làm việc với UBND TP Cao Lãnh", date(2024, 3, 4))
    b.fact("CHAIRED", nghia, e2, src(A2, "nghia", 90))
    b.fact("ATTENDED", ubnd_cl, e2, src(A2, "nghia", 90))
    b.fact("CONCERNS", e2, ubnd_cl, src(A2, "nghia", 90))
    b.fact("DIRECTED", nghia, ubnd_cl, src(A2, "nghia2", 1100), verb="yêu cầu",
           instruction="chủ động trong lãnh đạo, điều hành và đề cao trách nhiệm người đứng đầu")

    e3 = event(A3, "conference", "Hội nghị Ban Chỉ đạo Chương trình 03-CTr/TU", None)
    b.fact("CHAIRED", tuan, e3, src(A3, "tuan", 300))
    b.fact("CONCERNS", e3, ctr03, src(A3, "tuan", 300))
    b.fact("ATTENDED", toan, e3, src(A3, "deputies", 420))
    b.fact("ATTENDED", dd_tuan, e3, src(A3, "deputies", 420))

    e4 = event(A4, "inspection", "Đoàn kiểm tra số 01 của Ban Thường vụ Thành ủy làm việc với Sở Kế hoạch và "
               "Đầu tư", date(2018, 6, 18))
    b.fact("CHAIRED", hang, e4, src(A4, "hang", 60))
    b.fact("CONCERNS", e4, ctr06, src(A4, "hang", 60))
    b.fact("ATTENDED", skhdt_hn, e4, src(A4, "hang", 60))
    b.fact("DIRECTED", hang, skhdt_hn, src(A4, "hang2", 3600), verb="yêu cầu",
           instruction="tăng cường trao đổi phối hợp chặt chẽ hiệu quả với các bộ, ngành")

    # every article mentions what it states
    for aid, nodes in b.mentions.items():
        for n in sorted(nodes):
            kg.add_fact("MENTIONS", aid, n, Source(aid, "", 0, "body"))
    return kg


def build_history_graph() -> KnowledgeGraph:
    """The seed graph plus two made-up earlier articles naming earlier holders of the same posts, to
    test ``who-leads --history`` (who came before whom)."""
    kg = build_seed_graph()
    b = _Builder()
    b.kg = kg
    early, later = "900_history_2019", "901_history_2021"
    kg.add_node("Article", early, title="(test) Chủ tịch UBND TP Cần Thơ năm 2019", date=date(2019, 3, 1))
    kg.add_node("Article", later, title="(test) Chủ tịch UBND TP Cần Thơ năm 2021", date=date(2021, 8, 2))
    S["h2019"] = "Chủ tịch UBND TP Cần Thơ Lê Quang Mạnh chủ trì hội nghị."
    S["h2021"] = "Ông Lê Quang Mạnh, nguyên Chủ tịch UBND TP Cần Thơ, dự buổi lễ."
    S["h2021b"] = "Chủ tịch UBND TP Cần Thơ Trần Việt Trường phát biểu."
    manh = b.person("Lê Quang Mạnh", "ông")
    ubnd_ct = make_id("Agency", key("UBND TP Cần Thơ"))
    b.holds(manh, "Chủ tịch", "head", ubnd_ct, src(early, "h2019"), status="current")
    b.holds(manh, "Chủ tịch", "head", ubnd_ct, src(later, "h2021"), status="former")
    b.holds(make_id("Person", key("Trần Việt Trường")), "Chủ tịch", "head", ubnd_ct, src(later, "h2021b"))
    return kg


# -- stores -------------------------------------------------------------------------------------

_STORES: dict[str, Path] = {}


def write_store(kg: KnowledgeGraph, folder) -> Path:
    """Write ``kg`` to a new embedded store in ``folder`` and return the folder."""
    from govkg.graph.store import EmbeddedStore

    store = EmbeddedStore(folder)
    store.write_graph(kg)
    store.close()
    return Path(folder)


def hand_store(tmp_path_factory, name: str = "seed") -> Path:
    """A store holding the hand-built seed graph (name='seed') or the history graph (name='history'),
    built once per test session and shared between test modules; treat it as read-only. (The store
    built by the real pipeline from the sample articles is conftest's ``seed_store`` fixture.)"""
    if name not in _STORES:
        kg = build_history_graph() if name == "history" else build_seed_graph()
        _STORES[name] = write_store(kg, tmp_path_factory.mktemp(f"hand-store-{name}"))
    return _STORES[name]
