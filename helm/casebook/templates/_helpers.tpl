{{- define "casebook.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "casebook.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "casebook.labels" -}}
app.kubernetes.io/name: {{ include "casebook.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "casebook.selectorLabels" -}}
app.kubernetes.io/name: {{ include "casebook.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* true (a non-empty string) when the shared store is configured */}}
{{- define "casebook.shared" -}}
{{- if eq (toString .Values.store.kind) "shared" -}}true{{- end -}}
{{- end -}}

{{/* Fails the render for settings the service cannot run with; renders nothing otherwise. */}}
{{- define "casebook.validate" -}}
{{- $kind := toString .Values.store.kind -}}
{{- if not (has $kind (list "local" "shared")) -}}
{{- fail (printf "store.kind must be local or shared, not %q" $kind) -}}
{{- end -}}
{{- if and (eq $kind "local") (gt (int .Values.replicaCount) 1) -}}
{{- fail (printf "replicaCount is %d but store.kind is local: replicas cannot share one data directory; set store.kind=shared (with store.postgres.* and store.s3.*) or replicaCount=1" (int .Values.replicaCount)) -}}
{{- end -}}
{{- if eq $kind "shared" -}}
{{- $missing := list -}}
{{- range $name, $value := dict "store.postgres.jdbcUrl" .Values.store.postgres.jdbcUrl "store.postgres.existingSecret" .Values.store.postgres.existingSecret "store.s3.bucket" .Values.store.s3.bucket "store.s3.existingSecret" .Values.store.s3.existingSecret -}}
{{- if not $value -}}{{- $missing = append $missing $name -}}{{- end -}}
{{- end -}}
{{- if $missing -}}
{{- fail (printf "store.kind=shared needs %s (the database and the bucket are made outside the chart: see README, Deploying)" (join ", " $missing)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
