import { it } from 'vitest';
import { makeProject } from '../../testing/make-project.js';
import { runCli } from '../../testing/run-cli.js';
import { startSnowflakeStandIn } from '../../testing/snowflake-stand-in/start-snowflake-stand-in.js';
import { pipelineProfilesYml, pipelineProjectFiles } from '../../testing/fixtures/snowflake-pipeline-project.js';

it('spike', async () => {
  const standIn = await startSnowflakeStandIn({ credentials: { user: 'tsdbt', password: 'pw-secret-123' } });
  const dir = await makeProject({ ...pipelineProjectFiles, 'profiles.yml': pipelineProfilesYml() });
  const env = { SNOWFLAKE_ACCOUNT: 'stand_in', SNOWFLAKE_USER: 'tsdbt', SNOWFLAKE_PASSWORD: 'pw-secret-123', SNOWFLAKE_ACCESS_URL: standIn.url };
  const run = await runCli(['build', '--target', 'prod'], { cwd: dir, env });
  console.log(run.output);
  console.log(standIn.statements().join('\n-----\n'));
  const dev = await runCli(['build'], { cwd: dir, env });
  console.log(dev.output);
  await standIn.close();
}, 60000);
