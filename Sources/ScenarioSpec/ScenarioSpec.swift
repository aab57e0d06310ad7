// ScenarioSpec
