-- Driven by nvim_test.sh: Neovim's built-in LSP client against `rolelint --lsp`.
-- Env: ROLELINT (the binary), WORKDIR (template.yaml and module/{roles,users}.tf), ENCODING
-- (utf-16: the client offers nothing, the protocol's default; utf-8: offered as clangd's
-- offsetEncoding, which Neovim 0.7 leaves to on_init to read back from the initialize result).
local rolelint, dir, encoding = os.getenv('ROLELINT'), os.getenv('WORKDIR'), os.getenv('ENCODING')
local failures = 0

local function log(...)
  io.stdout:write(table.concat(vim.tbl_map(tostring, { ... }), ' ') .. '\n')
end

local function check(ok, what, got)
  if ok then
    log('ok   ' .. what)
  else
    failures = failures + 1
    log('FAIL ' .. what .. (got ~= nil and (': got ' .. vim.inspect(got)) or ''))
  end
  return ok
end

local function finish()
  log(failures == 0 and ('nvim_test (' .. encoding .. '): all checks passed')
      or ('nvim_test (' .. encoding .. '): ' .. failures .. ' failed'))
  vim.cmd(failures == 0 and 'qall!' or 'cquit 1')
end

-- Any error in the script fails the test instead of leaving Neovim waiting.
local ok_all, err = xpcall(function()
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  if encoding == 'utf-8' then capabilities.offsetEncoding = { 'utf-8', 'utf-16' } end
  local client_id = vim.lsp.start_client({
    name = 'rolelint',
    cmd = { rolelint, '--lsp' },
    root_dir = dir,
    capabilities = capabilities,
    flags = { debounce_text_changes = 20 },
    -- Neovim 0.7 leaves the negotiated encoding to on_init (0.9 reads positionEncoding itself).
    on_init = function(client, result)
      client.offset_encoding = result.offsetEncoding or result.capabilities.positionEncoding or 'utf-16'
    end,
  })
  check(client_id ~= nil, 'the client starts')
  local function open(path)
    vim.cmd('edit ' .. vim.fn.fnameescape(path))
    local buf = vim.api.nvim_get_current_buf()
    vim.lsp.buf_attach_client(buf, client_id)
    return buf
  end
  local function code_of(d)
    return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  end
  local function wait_for(what, predicate)
    return check(vim.wait(15000, predicate, 20), what)
  end

  -- The template: RL205 after a character outside the BMP.
  local yaml = open(dir .. '/template.yaml')
  wait_for('diagnostics for the template', function() return #vim.diagnostic.get(yaml) > 0 end)
  local client = vim.lsp.get_client_by_id(client_id)
  check(client.offset_encoding == encoding, 'position encoding ' .. encoding, client.offset_encoding)
  local d = vim.diagnostic.get(yaml)
  check(#d == 1, 'one diagnostic in the template', d)
  d = d[1]
  check(d.lnum == 9 and d.col == 53 and d.end_lnum == 9 and d.end_col == 68,
        'RL205 at line 10, byte column 53 to 68 (0-based)', { d.lnum, d.col, d.end_lnum, d.end_col })
  check(code_of(d) == 'RL205', 'code RL205', code_of(d))
  check(d.severity == vim.diagnostic.severity.ERROR, 'severity error', d.severity)
  check(d.source == 'rolelint', 'source rolelint', d.source)
  -- The message names the action catalog's date (YYYY-MM-DD), which changes with the catalog.
  local head = "action 'sts:AssumeRoles' does not exist in service 'sts' as of the action catalog's data of "
  local tail = "; did you mean 'sts:AssumeRole'?"
  check(d.message:sub(1, #head) == head and d.message:sub(-#tail) == tail
          and d.message:sub(#head + 1, -#tail - 1):match('^%d%d%d%d%-%d%d%-%d%d$') ~= nil,
        'RL205 message', d.message)

  -- Hover on the diagnostic shows the rule's page.
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local hover = vim.lsp.buf_request_sync(yaml, 'textDocument/hover',
                                         vim.lsp.util.make_position_params(), 5000)
  local value = hover and hover[client_id] and hover[client_id].result and hover[client_id].result.contents.value
  check(value and value:find('# unknown-action (RL205)', 1, true) == 1, 'hover shows the RL205 page', value)

  -- The quick fix, chosen through vim.ui.select as a user would, and applied by the client.
  local offered = {}
  vim.ui.select = function(items, _, on_choice)
    for i, item in ipairs(items) do
      local action = item[2] or item.action
      table.insert(offered, action.title)
      if action.title == "Replace 'sts:AssumeRoles' with 'sts:AssumeRole'" then return on_choice(item, i) end
    end
    on_choice(nil, nil)
  end
  vim.lsp.buf.code_action()
  wait_for('the code action fixes the template', function() return #vim.diagnostic.get(yaml) == 0 end)
  local line = vim.api.nvim_buf_get_lines(yaml, 9, 10, true)[1]
  check(line:find('Action: sts:AssumeRole, Resource', 1, true) ~= nil, 'the action was replaced', { line, offered })

  -- The Terraform module: the grant in users.tf names a role of roles.tf that does not trust alice.
  local users = open(dir .. '/module/users.tf')
  wait_for('diagnostics for users.tf', function() return #vim.diagnostic.get(users) > 0 end)
  d = vim.diagnostic.get(users)
  check(#d == 1, 'one diagnostic in users.tf', d)
  d = d[1]
  check(d.lnum == 14 and d.col == 8, 'RL401 at line 15, column 8 (0-based)', { d.lnum, d.col })
  check(code_of(d) == 'RL401', 'code RL401', code_of(d))
  check(d.severity == vim.diagnostic.severity.ERROR, 'RL401 severity error', d.severity)
  check(d.message == "user 'aws_iam_user.alice' is allowed sts:AssumeRole on role 'aws_iam_role.service_only', "
                     .. "but the role's trust policy trusts neither 'aws_iam_user.alice' nor their account",
        'RL401 message', d.message)

  -- Editing roles.tf (unsaved) so that the role trusts alice clears the finding in users.tf.
  local roles = open(dir .. '/module/roles.tf')
  vim.api.nvim_buf_set_lines(roles, 6, 7, true, { '      Principal = { AWS = aws_iam_user.alice.arn }' })
  wait_for('the edit in roles.tf clears users.tf', function() return #vim.diagnostic.get(users) == 0 end)
  check(vim.bo[roles].modified, 'roles.tf is still unsaved')
  check(#vim.diagnostic.get(roles) == 0, 'roles.tf itself is clean', vim.diagnostic.get(roles))

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end, debug.traceback)
if not ok_all then check(false, 'the script ran: ' .. tostring(err)) end
finish()
