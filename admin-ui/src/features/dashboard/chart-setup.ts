// Registers the Chart.js pieces the dashboard draws (bars, the choropleth), once; only the dashboard's
// chunk loads this, so the rest of the portal carries no chart code.
import { BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js'
import { ChoroplethController, ColorScale, GeoFeature, ProjectionScale } from 'chartjs-chart-geo'

Chart.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend, ChoroplethController, GeoFeature, ColorScale, ProjectionScale)

export const LABEL_FONT = '600 12px system-ui, sans-serif'
