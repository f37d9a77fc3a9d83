-- Neovim 0.7 as a second LSP client of the bundled server: opens one flow, waits for the
-- FlowGuard finding the test names, writes what vim.diagnostic.get returns as JSON, and quits
-- with 0 when it arrived or 1 when it did not. vim.lsp.start() comes only in 0.8, hence
-- start_client and buf_attach_client. Run by test/lsp/neovim.test.ts, which sets:
--   FLOWGUARD_NODE, FLOWGUARD_SERVER  the command that starts the server over stdio
--   FLOWGUARD_ROOT                    the workspace (holding flowguard.json)
--   FLOWGUARD_FILE                    the flow to open
--   FLOWGUARD_CODE                    the diagnostic code to wait for
--   FLOWGUARD_OUT                     where to write the diagnostics
local function env(name)
  local value = os.getenv(name)
  if not value then error(name .. ' is not set') end
  return value
end

local function lsp_code(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

-- Returns whether the wanted diagnostic arrived; any error is raised to the caller below.
local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(env('FLOWGUARD_FILE')))
  local bufnr = vim.api.nvim_get_current_buf()
  local client = vim.lsp.start_client({
    name = 'flowguard',
    cmd = { env('FLOWGUARD_NODE'), env('FLOWGUARD_SERVER'), '--stdio' },
    root_dir = env('FLOWGUARD_ROOT'),
  })
  assert(client, 'the language server did not start')
  vim.lsp.buf_attach_client(bufnr, client)

  local wanted = env('FLOWGUARD_CODE')
  -- vim.wait runs the event loop, so this returns as soon as the publication is handled.
  local arrived = vim.wait(15000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if lsp_code(d) == wanted then return true end
    end
    return false
  end, 50)

  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(found, { lnum = d.lnum, col = d.col, severity = d.severity, source = d.source, code = lsp_code(d), message = d.message })
  end
  vim.fn.writefile({ vim.fn.json_encode(found) }, env('FLOWGUARD_OUT'))
  vim.lsp.stop_client(client, true)
  return arrived
end

-- A Lua error would leave Neovim waiting at its prompt: report it and quit with a code instead.
local ok, arrived = pcall(run)
if not ok then io.stderr:write(tostring(arrived) .. '\n') end
vim.cmd((ok and arrived) and 'qa!' or 'cq!')
