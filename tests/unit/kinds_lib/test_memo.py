from reportlint.kinds._lib.memo import Memo


def test_a_memo_computes_once_and_stays_bounded():
    asked = []

    def f(key):
        asked.append(key)
        return None if key % 2 else key * 10

    memo = Memo(f, cap=3)
    assert memo[2] == 20 and memo[2] == 20 and asked == [2]
    assert memo[1] is None and memo[1] is None and asked == [2, 1]       # None is an answer
    memo[4]
    assert len(memo) == 3
    assert memo[6] == 60 and len(memo) == 1        # full: emptied, then filled again
    assert memo[2] == 20 and asked == [2, 1, 4, 6, 2]
