"""Stage 1, inputs: read YAML and TOML into frozen, validated models with located errors."""
