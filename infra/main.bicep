// Gatehouse on Azure: one resource group holding a Flex Consumption function app (custom handler), its storage,
// Key Vault, monitoring, and the role assignments that let it run without any keys. Modules only; see infra/app/.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds resource names.')
param environmentName string

@minLength(1)
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Deploying user or service principal (azd sets AZURE_PRINCIPAL_ID); gets data access when non-empty.')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

// No default: unless GATEHOUSE_ADMIN_KEY is set, azd generates the value once and keeps it in the environment's
// config (infra.parameters.gatehouseAdminKey).
@secure()
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 48
      noSpecial: true
    }
  }
})
param gatehouseAdminKey string

// Changing the pepper invalidates every issued virtual key: never rotate it casually.
@secure()
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 64
      noSpecial: true
    }
  }
})
param gatehouseKeyPepper string

// Encrypts stored prompt and response bodies (AES-256: Key Vault holds the base64 of these 32 characters). Only used
// when auditBodies is not 'off'; keep it as long as you keep records it encrypted.
@secure()
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 32
      noSpecial: true
    }
  }
})
param gatehouseAuditBodyKey string

@description('Store prompt and response bodies with the audit log: off, redacted (PII and secrets replaced) or full. Always encrypted.')
@allowed([
  'off'
  'redacted'
  'full'
])
param auditBodies string = 'off'

@secure()
@description('Optional OpenAI API key; stored in Key Vault and exposed as OPENAI_API_KEY only when non-empty.')
param openAiApiKey string = ''

@description('Optional: the Entra ID directory (tenant) id whose tokens the admin API accepts; empty keeps Entra sign-in off.')
param adminEntraTenantId string = ''

@description('Optional: the audience of those tokens (the admin app registration\'s client id or Application ID URI).')
param adminEntraAudience string = ''

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = '${abbrs.webSitesFunctions}${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    gatehouseAdminKey: gatehouseAdminKey
    gatehouseKeyPepper: gatehouseKeyPepper
    gatehouseAuditBodyKey: gatehouseAuditBodyKey
    openAiApiKey: openAiApiKey
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
    principalType: principalType
  }
}

module gateway 'app/gateway.bicep' = {
  name: 'gateway'
  scope: rg
  // The host needs its storage roles and the Key Vault references need Secrets User before the site starts.
  dependsOn: [
    rbac
  ]
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    adminKeyReferenceUri: keyVault.outputs.adminKeyReferenceUri
    keyPepperReferenceUri: keyVault.outputs.keyPepperReferenceUri
    auditBodyKeyReferenceUri: keyVault.outputs.auditBodyKeyReferenceUri
    auditBodies: auditBodies
    openAiApiKeyReferenceUri: keyVault.outputs.openAiApiKeyReferenceUri
    adminEntraTenantId: adminEntraTenantId
    adminEntraAudience: adminEntraAudience
    maximumInstanceCount: maximumInstanceCount
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output GATEHOUSE_URL string = gateway.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_FUNCTION_APP_NAME string = gateway.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
