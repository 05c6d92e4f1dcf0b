    layout: { randomSeed: 7, improvedLayout: false },
    nodes: { borderWidth: 1, font: { face: FONT, size: 14, strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.5 } },
      color: { color: "#a0a7b1", highlight: "#1f2937", hover: "#4b5563" },
      font: { face: FONT, size: 10, color: "#4b5563", strokeWidth: 3 },
      smooth: { enabled: true, type: "continuous", roundness: 0.3 },
    },
