// The environment for an npm install this repository starts inside another one (code-server, Node 24).
//
// `npm test` and `npm start` run under npm, which exports its own configuration and the running package's
// details as npm_config_* / npm_lifecycle_* / npm_package_* variables. A nested npm reads those as its own
// configuration: npm_config_user_agent, for one, carries the outer npm's "node/v20", and code-server's
// postinstall takes the Node version from it and refuses to install ("requires node v24"). npm also puts
// the repository's node_modules/.bin folders on PATH, whose tools would shadow the nested install's own.
// So a nested install starts from the environment minus everything npm put there, plus what the caller sets.

const NPM_INJECTED = /^(npm_(config|lifecycle|package)_|npm_(command|execpath|node_execpath)$|INIT_CWD$|NODE$)/i;

const NPM_PATH_DIR = /(\/node_modules\/\.bin|\/node-gyp-bin)\/?$/;

/** process.env without what an outer npm injected, then `extra` on top. */
export function cleanNpmEnv(extra = {}, env = process.env) {
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    if (!NPM_INJECTED.test(key)) clean[key] = value;
  }
  if (clean.PATH) clean.PATH = clean.PATH.split(':').filter((dir) => !NPM_PATH_DIR.test(dir)).join(':');
  return {
    ...clean,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: 'error',
    ...extra,
  };
}
