"""The archive as a ledger: papers checked against each other.

`index` turns one checked paper into a small JSON-ready entry (its code, signature date,
contracts, approvals it cites and organisations, each with its YAML position), kept in the
paper's check record so that a folder's index costs no second reading; `checks` holds the
cross-paper rules as pure functions over those entries; `archive` runs them for `pcd check`.
"""
