"""Accounts and roles (账户与角色): 部门用户, 财政局用户, 管理员."""
