#!/bin/bash
# Final step of deploy/slurm/study-array.sh: merge the shard results exactly.
#SBATCH --job-name=guarantor-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
#SBATCH --time=00:30:00
#SBATCH --output=results/merge.log
set -euo pipefail
SCENARIO=${1:?scenario file}
guarantor merge results/shard-*.json --scenario "$SCENARIO" --format json --output results/study.json
guarantor merge results/shard-*.json --scenario "$SCENARIO" --format html --output results/study.html
guarantor merge results/shard-*.json --scenario "$SCENARIO"
