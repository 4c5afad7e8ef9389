// One storage account for the Functions host (leases, timers), the Flex deployment package and the app's own
// tables and queues. Identity-only: shared keys (and so connection strings and SAS) are disabled.
param name string
param location string
param tags object = {}

@description('Blob container the Flex Consumption plan deploys the app package from.')
param deploymentContainerName string

// The app also creates any missing ones at start; declaring them here keeps RBAC-only environments usable.
// The test Storage_TablesQueuesAndContainers_AreAllDeclared holds these to TableNames.All, QueueNames.All and
// BlobContainerNames.All in the code.
var tableNames = [
  'Tenants'
  'VirtualKeys'
  'KeyLookup'
  'AuditLog'
  'RateCounters'
  'ConcurrencySlots'
  'GuardrailRules'
  'UsageRollups'
  'Alerts'
]

var queueNames = [
  'audit-events'
  'audit-events-poison'
  'usage-events'
  'usage-events-poison'
  'alerts'
  'alerts-poison'
]

var appContainerNames = [
  'queue-overflow'
  'audit-bodies'
]

@description('Days an oversized queue message stays in its overflow blob: long enough for every redelivery and a poison replay.')
param queueOverflowRetentionDays int = 30

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource appContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for containerName in appContainerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

// Overflow blobs are only read while their message is in a queue; audit bodies are kept (they belong to the record).
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-queue-overflow'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['queue-overflow/']
            }
            actions: {
              baseBlob: {
                delete: { daysAfterModificationGreaterThan: queueOverflowRetentionDays }
              }
            }
          }
        }
      ]
    }
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

output name string = storage.name
output deploymentContainerName string = deploymentContainer.name
