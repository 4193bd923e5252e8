"""Stage 2: compute the paper (totals, contract values, numbering, references) from a valid spec."""
