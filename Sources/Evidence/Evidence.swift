// Evidence
