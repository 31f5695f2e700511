FROM fedora:40 AS case1
RUN dnf -y install --setopt=install_weak_deps=False --nodocs gcc make && dnf clean all
RUN rpm -q gcc make && rpm -qa | sort
RUN rpm -ivh https://example.com/tool-1.0.x86_64.rpm
RUN dnf -y remove make.x86_64 && dnf clean all

FROM opensuse/leap:15.6
RUN rpm -e --nodeps cron
RUN zypper -n in --no-recommends curl && zypper clean --all
