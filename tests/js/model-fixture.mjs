// A small model in the shape the page's JSON has (generator/render.py assessment_data):
// seven questions worth 0-4, four levels, the bands of the GenAIOps edition. Shared by
// the node tests that need a whole model; each test may copy and change it.

export const IDS = ["models", "prompts", "grounding", "evaluation", "deployment", "monitoring", "safety"];

export const MODEL = Object.freeze({
  model: "genaiops",
  version: "1.2.3",
  edition: { id: "genaiops", name: "GenAIOps (current)" },
  questions: IDS.map((id) => ({
    id,
    dimension: `Dimension ${id}`,
    options: [0, 1, 2, 3, 4].map((points) => ({ points, text: `${id} ${points}`, references: [] })),
  })),
  levels: [1, 2, 3, 4].map((number) => ({ number, name: `L${number}` })),
  bands: [
    { level: "initial", number: 1, min: 0, max: 9 },
    { level: "defined", number: 2, min: 10, max: 14 },
    { level: "managed", number: 3, min: 15, max: 19 },
    { level: "optimized", number: 4, min: 20, max: 28 },
  ],
  total: { min: 0, max: 28 },
});
