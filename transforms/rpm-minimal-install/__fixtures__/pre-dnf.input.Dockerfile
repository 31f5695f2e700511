FROM centos:7 AS case1
RUN yum -y install epel-release && yum -y install dnf && dnf -y install git && dnf clean all

FROM fedora:21 AS case2
RUN dnf -y install git && dnf clean all

FROM amazonlinux:2 AS case3
RUN dnf -y install git && dnf clean all

FROM registry.access.redhat.com/ubi8/ubi-minimal:8.1 AS case4
RUN microdnf install -y shadow-utils && microdnf clean all

FROM centos/ruby-25-centos7
RUN dnf -y install git && dnf clean all
