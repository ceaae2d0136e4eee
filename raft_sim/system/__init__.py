"""Assembly of one load case: contributions of each physical effect, their sum, the solve."""
