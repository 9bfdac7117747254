// @ts-check
/**
 * Plotly's options for every chart of the site (and the live widgets' plots,
 * which take them through LearningRegionsCharts.config). On a narrow screen
 * or a touch screen the toolbar would sit over the chart's title, and a tap
 * shows it: it is left out there (zoom and pan stay on the chart itself).
 * @param {(query: string) => boolean} matches
 */
export function chartConfig(matches) {
  const small = matches("(max-width: 640px)") || matches("(pointer: coarse)");
  return {
    responsive: true,
    displaylogo: false,
    displayModeBar: small ? false : "hover",
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"],
  };
}
