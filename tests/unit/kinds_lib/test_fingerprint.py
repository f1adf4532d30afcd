"""fingerprint.py: the normal form of a passage and the near-copy index (Matcher)."""
from reportlint.kinds._lib.fingerprint import Matcher, normalize

# a paragraph of seed 003 (line 12): three sentences
PARA = ("3. 推进法治文化建设：加强法治文化阵地建设，在镇文化广场、村（社区）党群服务中心等场所设置法治宣传栏、"
        "法治文化墙等，传播法治文化，弘扬法治精神。同时，积极开展法治文化作品创作和评选活动，创作了一批群众喜闻乐见的"
        "法治文化作品，如法治小品、法治相声等，丰富了群众的法治文化生活。")


def test_matcher_finds_near_copies_and_keeps_postings_bounded():
    m = Matcher(0.9)
    base = normalize(PARA)
    m.add(0, base)
    assert m.find(base).exact
    near = m.find(normalize(PARA.replace("阵地", "阵线")))
    assert near is not None and not near.exact and 0.9 <= near.score < 1
    assert m.find(normalize("全年办理行政处罚案件12件，全部依法办结，无一起被复议纠错。")) is None
    for i in range(1, 200):      # a common phrase stops being indexed
        m.add(i, normalize(f"深入学习贯彻习近平法治思想第{i}次"))
    assert max(len(v) for v in m.postings.values()) <= 32
    assert m.stop


def test_normalize_drops_ordinals_spaces_and_punctuation():
    assert normalize("（三） 加强  执法，监督！") == normalize("3.加强执法监督") == "加强执法监督"
    assert normalize("其二是ＡＢＣ１２") == "abc12"
