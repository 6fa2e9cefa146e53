"""The files warday keeps beside its database, so that the database is an index that can always
be rebuilt: the original of every day (`originals.py`) and your ratings and read marks
(`ratings_file.py`), each written atomically (`atomic.py`). No SQL here: that stays in the store.
"""
