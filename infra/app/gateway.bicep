// The gateway: a Flex Consumption plan and a Linux function app running the self-contained Gatehouse.Functions
// executable as a custom handler. No keys anywhere: storage, Key Vault references and App Insights all use the
// user-assigned identity.
param name string
param planName string
param location string
param tags object = {}

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity (selects it for storage and App Insights auth).')
param identityClientId string

param storageAccountName string
param deploymentContainerName string
param applicationInsightsConnectionString string

@description('Versionless Key Vault secret URIs; the site resolves them with its user-assigned identity.')
param adminKeyReferenceUri string
param keyPepperReferenceUri string

@description('The audit body key (key id k1), and whether bodies are stored: off, redacted or full.')
param auditBodyKeyReferenceUri string
param auditBodies string = 'off'

@description('Empty when no OpenAI key was supplied: OPENAI_API_KEY is then left out.')
param openAiApiKeyReferenceUri string = ''

@description('Entra ID directory whose tokens the admin API accepts; empty: Entra sign-in off.')
param adminEntraTenantId string = ''

@description('Audience of those tokens.')
param adminEntraAudience string = ''

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

var blobServiceUri = 'https://${storageAccountName}.blob.${environment().suffixes.storage}'
var queueServiceUri = 'https://${storageAccountName}.queue.${environment().suffixes.storage}'
var tableServiceUri = 'https://${storageAccountName}.table.${environment().suffixes.storage}'

// Flex Consumption takes the runtime from functionAppConfig: no FUNCTIONS_WORKER_RUNTIME,
// FUNCTIONS_EXTENSION_VERSION or linuxFxVersion.
var appSettings = [
  { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  { name: 'AzureWebJobsStorage__blobServiceUri', value: blobServiceUri }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: queueServiceUri }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: tableServiceUri }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
  { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
  { name: 'GATEHOUSE_ADMIN_KEY', value: '@Microsoft.KeyVault(SecretUri=${adminKeyReferenceUri})' }
  { name: 'Gatehouse__Keys__Pepper', value: '@Microsoft.KeyVault(SecretUri=${keyPepperReferenceUri})' }
  { name: 'Gatehouse__Audit__Bodies__Mode', value: auditBodies }
  { name: 'Gatehouse__Audit__Bodies__ActiveKeyId', value: 'k1' }
  { name: 'Gatehouse__Audit__Bodies__Keys__k1', value: '@Microsoft.KeyVault(SecretUri=${auditBodyKeyReferenceUri})' }
]

// Not secrets: a directory id and an audience only say whose tokens to trust.
var entraAppSettings = empty(adminEntraTenantId)
  ? []
  : [
      { name: 'Gatehouse__Admin__Entra__TenantId', value: adminEntraTenantId }
      { name: 'Gatehouse__Admin__Entra__Audience', value: adminEntraAudience }
    ]

var openAiAppSettings = empty(openAiApiKeyReferenceUri)
  ? []
  : [{ name: 'OPENAI_API_KEY', value: '@Microsoft.KeyVault(SecretUri=${openAiApiKeyReferenceUri})' }]

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'gateway' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(appSettings, openAiAppSettings, entraAppSettings)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobServiceUri}/${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
  }
}

// azd deploys with an Entra token, so basic (publishing profile) credentials stay off.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
