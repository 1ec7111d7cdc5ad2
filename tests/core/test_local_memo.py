"""The process's memory of remembered values (core.pagecache.LocalMemo) stays within its count and its bytes:
the least recently used values go first."""

from django.utils.safestring import mark_safe

from core.pagecache import LocalMemo


def test_the_oldest_values_go_when_their_texts_pass_the_budget():
    memo = LocalMemo(size=100, budget=10_000)
    memo.put("a", mark_safe("x" * 4_000), 60)
    memo.put("b", ("y" * 4_000, {"fragment": "z" * 500}), 60)
    assert memo.get("a") is not None  # a is now the most recently used
    memo.put("c", "w" * 4_000, 60)
    assert memo.get("b") is None and memo.get("a") is not None and memo.get("c") is not None
    assert memo.used <= 10_000


def test_the_count_limit_and_a_replaced_value():
    memo = LocalMemo(size=2, budget=10_000)
    memo.put("a", "1", 60)
    memo.put("a", "22", 60)
    assert memo.used == 2 and memo.get("a")[1] == "22"
    memo.put("b", "3", 60)
    memo.put("c", "4", 60)
    assert memo.get("a") is None and len(memo.values) == 2
    memo.clear()
    assert memo.used == 0 and memo.get("b") is None
