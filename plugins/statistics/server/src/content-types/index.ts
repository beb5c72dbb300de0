// The statistics plugin's own content types: report schedules (edited in the admin panel) and the
// snapshots their runs produce (listed and downloaded through /api/statistics only).
import reportSchedule from './report-schedule/schema.json';
import reportSnapshot from './report-snapshot/schema.json';

export default {
  'report-schedule': { schema: reportSchedule },
  'report-snapshot': { schema: reportSnapshot },
};
