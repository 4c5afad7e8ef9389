// Key Vault (RBAC mode, soft delete on) holding the gateway's secrets. The site reads them through Key Vault
// references, so secret values never appear in app settings or deployment outputs.
param name string
param location string
param tags object = {}

@secure()
param gatehouseAdminKey string

@secure()
param gatehouseKeyPepper string

@secure()
@description('32 characters; the secret holds their base64, which is a 32-byte AES key.')
param gatehouseAuditBodyKey string

@secure()
@description('Optional provider key; no secret is created when empty.')
param openAiApiKey string = ''

var storeOpenAiApiKey = !empty(openAiApiKey)

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource adminKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'gatehouse-admin-key'
  properties: {
    value: gatehouseAdminKey
    contentType: 'text/plain'
  }
}

resource keyPepperSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'gatehouse-key-pepper'
  properties: {
    value: gatehouseKeyPepper
    contentType: 'text/plain'
  }
}

resource auditBodyKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'gatehouse-audit-body-key'
  properties: {
    value: base64(gatehouseAuditBodyKey)
    contentType: 'text/plain'
  }
}

resource openAiApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (storeOpenAiApiKey) {
  parent: vault
  name: 'openai-api-key'
  properties: {
    value: openAiApiKey
    contentType: 'text/plain'
  }
}

output name string = vault.name
// Versionless URIs: the app picks up a rotated secret on the platform's Key Vault reference refresh.
output adminKeyReferenceUri string = adminKeySecret.properties.secretUri
output keyPepperReferenceUri string = keyPepperSecret.properties.secretUri
output auditBodyKeyReferenceUri string = auditBodyKeySecret.properties.secretUri
output openAiApiKeyReferenceUri string = storeOpenAiApiKey ? openAiApiKeySecret!.properties.secretUri : ''
